package dev.tenantcore.core.events;

import dev.tenantcore.contracts.events.Topics;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.ExponentialBackOff;

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
        var recoverer = new DeadLetterPublishingRecoverer(
                kafka, (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        var backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.defaultFalse();
        handler.addRetryableExceptions(
                TransientDataAccessException.class,
                DataAccessResourceFailureException.class,
                CannotCreateTransactionException.class);
        return handler;
    }
}
