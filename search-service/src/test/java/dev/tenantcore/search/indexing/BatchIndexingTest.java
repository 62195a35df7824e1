package dev.tenantcore.search.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.tenantcore.contracts.events.EventMetadata;
import dev.tenantcore.contracts.events.IntegrationEvent;
import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.contracts.events.core.CoreEventTypes;
import dev.tenantcore.contracts.events.core.ProjectSnapshot;
import dev.tenantcore.engines.test.SharedEngines;
import dev.tenantcore.search.CoreEvents;
import dev.tenantcore.search.CoreStub;
import dev.tenantcore.search.Eventually;
import dev.tenantcore.search.SearchApi;
import dev.tenantcore.search.SearchServiceTest;
import dev.tenantcore.search.index.Indices;
import dev.tenantcore.search.index.SearchIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * A poll's events are indexed in one bulk write with the guarantees of one write per event: versions decide,
 * whatever the order inside a batch or how often it is delivered, and one bad event goes to the DLT alone.
 * Batches are formed either by handing the handler a list or by pausing the consumer while events queue up.
 */
@SearchServiceTest
class BatchIndexingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    OpenSearchClient client;

    @Autowired
    CoreEventHandler handler;

    @Autowired
    Indices indices;

    SearchApi api;
    UUID org = UUID.randomUUID();
    UUID user = UUID.randomUUID();

    @BeforeEach
    void setUp() throws InterruptedException {
        api = new SearchApi(port);
        CoreStub.member(user, org);
        CoreEvents.awaitConsumer(listeners);
    }

    @Test
    void malformedEventInTheMiddleOfABatchGoesAloneToTheDeadLetterTopic() throws Exception {
        String poison = "{\"metadata\": \"not an event " + UUID.randomUUID() + "\"}";
        var container = listeners.getListenerContainer(CoreEventsListener.ID);
        container.pause();
        try {
            Eventually.within(Duration.ofSeconds(10), container::isContainerPaused);
            CoreEvents.project(CoreEvents.projectSnapshot(org, null, "Carina before poison", "ok", 1));
            CoreEvents.publishRaw(Topics.CORE_PROJECTS, org.toString(), poison);
            CoreEvents.project(CoreEvents.projectSnapshot(org, null, "Carina after poison", "ok", 1));
        } finally {
            container.resume();
        }

        Eventually.within(
                Duration.ofSeconds(15),
                () -> api.search(user, org, "carina").names().size() == 2);
        assertThat(api.search(user, org, "carina").names())
                .containsExactlyInAnyOrder("Carina before poison", "Carina after poison");
        assertThat(deadLetters(Topics.deadLetter(Topics.CORE_PROJECTS), poison))
                .filteredOn(v -> v.equals(poison) || v.contains("Carina"))
                .containsExactly(poison);
    }

    @Test
    void twoChangesOfOneDocumentInOneBatchLeaveTheLaterState() throws Exception {
        UUID forward = UUID.randomUUID();
        UUID backward = UUID.randomUUID();
        UUID removed = UUID.randomUUID();

        handler.handle(List.of(
                event(project(forward, "Draco first", 1)),
                event(project(forward, "Draco second", 2)),
                event(project(backward, "Draco newer", 2)),
                event(project(backward, "Draco older", 1)),
                event(project(removed, "Draco removed", 1)),
                event(CoreEvents.projectSnapshot(removed, org, null, "Draco removed", "gone", 2, true))));

        assertThat(stored(forward)).containsEntry("name", "Draco second").containsEntry("version", 2);
        assertThat(stored(backward)).containsEntry("name", "Draco newer").containsEntry("version", 2);
        assertThat(exists(removed)).isFalse();
    }

    @Test
    void redeliveredBatchesNeitherDuplicateNorRegress() throws Exception {
        UUID id = UUID.randomUUID();
        List<ReceivedEvent> first = List.of(event(project(id, "Lynx one", 1)), event(project(id, "Lynx two", 2)));
        handler.handle(first);
        handler.handle(List.of(event(project(id, "Lynx three", 3))));

        handler.handle(first);
        handler.handle(first);

        assertThat(stored(id)).containsEntry("name", "Lynx three").containsEntry("version", 3);
        client.indices().refresh(r -> r.index("projects"));
        long copies = client.count(c -> c.index("projects")
                        .routing(org.toString())
                        .query(q -> q.term(t -> t.field("id").value(v -> v.stringValue(id.toString())))))
                .count();
        assertThat(copies).isEqualTo(1);
    }

    @Test
    void eventTheIndexRefusesIsNamedAndTheEventsBeforeItAreApplied() throws Exception {
        // A reindex's new generation whose mapping cannot take a name that is not a number.
        String refusing = "projects_refusing_" + UUID.randomUUID();
        client.indices().create(c -> c.index(refusing).mappings(m -> m.properties("name", p -> p.long_(l -> l))));
        indices.beginDualWrite(SearchIndex.PROJECTS, refusing);
        UUID before = UUID.randomUUID();
        try {
            assertThatExceptionOfType(UnindexableEvent.class)
                    .isThrownBy(() -> handler.handle(List.of(
                            event(project(before, "1001", 1)),
                            event(project(UUID.randomUUID(), "Hydra refused", 1)),
                            event(project(UUID.randomUUID(), "1003", 1)))))
                    .satisfies(e -> assertThat(e.position()).isEqualTo(1));
        } finally {
            indices.endDualWrite(SearchIndex.PROJECTS);
            indices.delete(refusing);
        }

        assertThat(stored(before)).containsEntry("name", "1001");
    }

    private ProjectSnapshot project(UUID id, String name, long version) {
        return CoreEvents.projectSnapshot(id, org, null, name, "batch", version, false);
    }

    private ReceivedEvent event(ProjectSnapshot p) {
        String type = p.deleted() ? CoreEventTypes.PROJECT_DELETED : CoreEventTypes.PROJECT_UPDATED;
        var event = new IntegrationEvent<>(EventMetadata.now(type, p.orgId(), null), p);
        return new ReceivedEvent(Topics.CORE_PROJECTS, 0, JSON.writeValueAsString(event));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> stored(UUID id) throws Exception {
        var found = client.get(g -> g.index("projects").id(id.toString()).routing(org.toString()), Map.class);
        assertThat(found.found()).as("document %s", id).isTrue();
        return found.source();
    }

    private boolean exists(UUID id) throws Exception {
        return client.get(g -> g.index("projects").id(id.toString()).routing(org.toString()), Map.class)
                .found();
    }

    /** The values on the dead-letter topic, read from the start until {@code expected} is there and a bit after. */
    private static List<String> deadLetters(String topic, String expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedEngines.kafka(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        List<String> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Eventually.within(Duration.ofSeconds(10), () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> found.add(r.value()));
                return found.contains(expected);
            });
            consumer.poll(Duration.ofMillis(500)).forEach(r -> found.add(r.value()));
        }
        return found;
    }
}
