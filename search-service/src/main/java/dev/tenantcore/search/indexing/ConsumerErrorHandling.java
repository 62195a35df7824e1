package dev.tenantcore.search.indexing;

import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.search.opensearch.OpenSearchUnavailable;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * While OpenSearch is unavailable a record is retried with backoff (up to 5 s apart) for as long as it
 * takes; its offset is not committed, so nothing is skipped and the index catches up afterwards. A record
 * that can never be indexed (malformed, rejected by the mapping) goes to {@code <topic>.dlt} at once.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerErrorHandling {

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<?, ?> kafka) {
        var recoverer = new DeadLetterPublishingRecoverer(
                kafka, (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        var backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.defaultFalse();
        handler.addRetryableExceptions(OpenSearchUnavailable.class);
        return handler;
    }
}
