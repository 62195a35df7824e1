package dev.tenantcore.core.events;

import dev.tenantcore.support.kafka.DeadLetters;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Failures of core's Kafka consumers. While the database is unreachable a record is retried with backoff (up
 * to 10 s apart) for as long as it takes, its offset uncommitted, so nothing is skipped. A record that can
 * never be applied (malformed, invalid) goes to {@code <topic>.dlt} at once, byte for byte, with the failure
 * in the dead-letter headers, and the partition moves on.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerErrorHandling {

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<?, ?> kafka) {
        return DeadLetters.retryTransientElseDeadLetter(
                kafka,
                Duration.ofMillis(500),
                Duration.ofSeconds(10),
                List.of(
                        TransientDataAccessException.class,
                        DataAccessResourceFailureException.class,
                        CannotCreateTransactionException.class));
    }
}
