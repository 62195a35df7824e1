package dev.tenantcore.search.indexing;

import dev.tenantcore.search.opensearch.OpenSearchUnavailable;
import dev.tenantcore.support.kafka.DeadLetters;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * While OpenSearch is unavailable a record is retried with backoff (up to 5 s apart) for as long as it
 * takes; its offset is not committed, so nothing is skipped and the index catches up afterwards. A record
 * that can never be indexed (malformed, rejected by the mapping) goes to {@code <topic>.dlt} at once.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerErrorHandling {

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<?, ?> kafka) {
        return DeadLetters.retryTransientElseDeadLetter(
                kafka, Duration.ofMillis(200), Duration.ofSeconds(5), List.of(OpenSearchUnavailable.class));
    }
}
