package dev.tenantcore.search;

import dev.tenantcore.contracts.events.EventMetadata;
import dev.tenantcore.contracts.events.IntegrationEvent;
import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.contracts.events.core.CoreEventTypes;
import dev.tenantcore.contracts.events.core.ProjectSnapshot;
import dev.tenantcore.contracts.events.core.TeamSnapshot;
import dev.tenantcore.engines.test.SharedEngines;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import tools.jackson.databind.json.JsonMapper;

/** Publishes core's events the way core does: JSON {@code IntegrationEvent} keyed by org id. */
public final class CoreEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static KafkaProducer<String, String> producer;

    private CoreEvents() {}

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            SharedEngines.kafka(),
                            ProducerConfig.LINGER_MS_CONFIG,
                            0,
                            ProducerConfig.ACKS_CONFIG,
                            "all"),
                    new StringSerializer(),
                    new StringSerializer());
        }
        return producer;
    }

    public static void publish(String topic, String type, UUID orgId, Object payload) {
        var event = new IntegrationEvent<>(EventMetadata.now(type, orgId, null), payload);
        try {
            producer()
                    .send(new ProducerRecord<>(topic, orgId.toString(), JSON.writeValueAsString(event)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends without waiting for the broker's acknowledgement, for benchmarks that produce at a fixed rate. */
    public static Future<RecordMetadata> send(String topic, String type, UUID orgId, Object payload) {
        var event = new IntegrationEvent<>(EventMetadata.now(type, orgId, null), payload);
        return producer().send(new ProducerRecord<>(topic, orgId.toString(), JSON.writeValueAsString(event)));
    }

    public static void publishRaw(String topic, String key, String value) throws Exception {
        producer().send(new ProducerRecord<>(topic, key, value)).get();
    }

    public static void project(ProjectSnapshot p) {
        String type = p.deleted()
                ? CoreEventTypes.PROJECT_DELETED
                : p.version() == 1 ? CoreEventTypes.PROJECT_CREATED : CoreEventTypes.PROJECT_UPDATED;
        publish(Topics.CORE_PROJECTS, type, p.orgId(), p);
    }

    public static void team(TeamSnapshot t) {
        publish(
                Topics.CORE_TEAMS,
                t.deleted() ? CoreEventTypes.TEAM_DELETED : CoreEventTypes.TEAM_UPDATED,
                t.orgId(),
                t);
    }

    public static ProjectSnapshot projectSnapshot(
            UUID orgId, UUID teamId, String name, String description, long version) {
        return projectSnapshot(UUID.randomUUID(), orgId, teamId, name, description, version, false);
    }

    public static ProjectSnapshot projectSnapshot(
            UUID id, UUID orgId, UUID teamId, String name, String description, long version, boolean deleted) {
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        return new ProjectSnapshot(
                id,
                orgId,
                teamId,
                name,
                description,
                UUID.randomUUID(),
                created,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                version,
                deleted);
    }

    /** Waits until the search consumer owns partitions, so timing starts at a live consumer. */
    public static void awaitConsumer(KafkaListenerEndpointRegistry registry) throws InterruptedException {
        var container = registry.getListenerContainer("core-events");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (container == null
                || container.getAssignedPartitions() == null
                || container.getAssignedPartitions().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("search consumer got no partitions");
            }
            Thread.sleep(50);
            container = registry.getListenerContainer("core-events");
        }
    }
}
