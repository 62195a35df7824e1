package dev.tenantcore.search.indexing;

import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.search.opensearch.OpenSearchUnavailable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The Kafka adapter: core's project, team and organization events, in per-org order. */
@Component
class CoreEventsListener {

    static final String ID = "core-events";
    private static final Logger log = LoggerFactory.getLogger(CoreEventsListener.class);

    private final CoreEventHandler handler;
    private final IndexingMetrics metrics;

    CoreEventsListener(CoreEventHandler handler, IndexingMetrics metrics) {
        this.handler = handler;
        this.metrics = metrics;
    }

    @KafkaListener(
            id = ID,
            groupId = "search-service",
            topics = {Topics.CORE_PROJECTS, Topics.CORE_TEAMS, Topics.CORE_ORGANIZATIONS})
    void on(ConsumerRecord<String, String> record) {
        try {
            handler.handle(record.topic(), record.offset(), record.value());
        } catch (OpenSearchUnavailable e) {
            metrics.error("unavailable");
            log.warn("OpenSearch unavailable at {}@{}, will retry: {}", record.topic(), record.offset(), e.reason());
            throw e;
        } catch (RuntimeException e) {
            metrics.error("rejected");
            log.error("cannot index {}@{}, sending it to the DLT: {}", record.topic(), record.offset(), e.toString());
            throw e;
        }
    }
}
