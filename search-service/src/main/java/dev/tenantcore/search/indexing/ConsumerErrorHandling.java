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
 * While OpenSearch is unavailable a batch is retried with backoff (up to 5 s apart) for as long as it takes;
 * its offsets are not committed, so nothing is skipped and the index catches up afterwards. An event that can
 * never be indexed (malformed, refused by the mapping) is named by the listener with its position: the events
 * before it are committed, it goes to {@code <topic>.dlt} at once, and the rest are delivered again. Any other
 * failure of a whole batch is retried like unavailability (the handler's classification of transient failures
 * applies to named records only; a whole batch goes to its fallback, which retries everything but
 * deserialization errors): holding a partition is better than dead-lettering events that did nothing wrong.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerErrorHandling {

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<?, ?> kafka) {
        return DeadLetters.retryTransientElseDeadLetter(
                kafka, Duration.ofMillis(200), Duration.ofSeconds(5), List.of(OpenSearchUnavailable.class));
    }
}
