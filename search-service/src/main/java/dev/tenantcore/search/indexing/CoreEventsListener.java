package dev.tenantcore.search.indexing;

import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.search.opensearch.OpenSearchUnavailable;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.stereotype.Component;

/**
 * The Kafka adapter: core's project, team and organization events, a poll at a time, in per-org order. The
 * container commits a batch's offsets only after its bulk write succeeded. An event that can never be indexed
 * is named to the error handler by its position, which commits the events before it, sends it alone to the
 * DLT and delivers the rest again; while OpenSearch is unavailable the whole batch is retried (see
 * {@link ConsumerErrorHandling}).
 */
@Component
class CoreEventsListener {

    static final String ID = "core-events";
    private static final Logger log = LoggerFactory.getLogger(CoreEventsListener.class);

    private final CoreEventHandler handler;
    private final IndexingMetrics metrics;
    private final ObservationRegistry observations;

    CoreEventsListener(
            CoreEventHandler handler, IndexingMetrics metrics, ObjectProvider<ObservationRegistry> observations) {
        this.handler = handler;
        this.metrics = metrics;
        this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
    }

    @KafkaListener(
            id = ID,
            groupId = "search-service",
            topics = {Topics.CORE_PROJECTS, Topics.CORE_TEAMS, Topics.CORE_ORGANIZATIONS},
            containerFactory = IndexingConsumerConfiguration.CONTAINER_FACTORY,
            batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        List<Observation> received = records.stream().map(this::observe).toList();
        try {
            handler.handle(records.stream()
                    .map(r -> new ReceivedEvent(r.topic(), r.offset(), r.value()))
                    .toList());
        } catch (OpenSearchUnavailable e) {
            metrics.error("unavailable");
            log.warn("OpenSearch unavailable for {} events, will retry: {}", records.size(), e.reason());
            received.forEach(o -> o.error(e));
            throw e;
        } catch (UnindexableEvent e) {
            metrics.error("rejected");
            ConsumerRecord<String, String> record = records.get(e.position());
            log.error(
                    "cannot index {}-{}@{}, sending it to the DLT: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getCause() == null ? e.toString() : e.getCause().toString());
            received.get(e.position()).error(e);
            throw new BatchListenerFailedException(e.getMessage(), e, e.position());
        } finally {
            received.forEach(Observation::stop);
        }
    }

    /**
     * The container observes single records only: each event's own span, a child of the trace in its headers,
     * keeps a change traceable from the request in core to its indexing here.
     */
    private Observation observe(ConsumerRecord<String, String> record) {
        return KafkaListenerObservation.LISTENER_OBSERVATION
                .observation(
                        null,
                        KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                        () -> new KafkaRecordReceiverContext(record, ID, () -> null),
                        observations)
                .start();
    }
}
