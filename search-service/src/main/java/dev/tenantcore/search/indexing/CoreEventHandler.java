package dev.tenantcore.search.indexing;

import dev.tenantcore.contracts.events.EventMetadata;
import dev.tenantcore.contracts.events.core.OrganizationSnapshot;
import dev.tenantcore.contracts.events.core.ProjectSnapshot;
import dev.tenantcore.contracts.events.core.TeamSnapshot;
import dev.tenantcore.search.index.Documents;
import dev.tenantcore.search.index.SearchDocument;
import dev.tenantcore.search.index.SearchIndex;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies one core event to the index. Snapshots carry the aggregate's version, used as the document's
 * external version: replays and out-of-order deliveries are no-ops, so no processed-event log is needed.
 */
@Component
class CoreEventHandler {

    private final Documents documents;
    private final JsonMapper json;
    private final IndexingMetrics metrics;
    private final Clock clock;

    CoreEventHandler(Documents documents, JsonMapper json, IndexingMetrics metrics) {
        this.documents = documents;
        this.json = json;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    void handle(String topic, long offset, String value) {
        EventMetadata metadata;
        JsonNode payload;
        try {
            JsonNode event = json.readTree(value);
            metadata = json.treeToValue(event.required("metadata"), EventMetadata.class);
            payload = event.required("payload");
            apply(metadata, payload);
        } catch (JacksonException | IllegalArgumentException e) {
            throw MalformedEvent.of(topic, offset, e);
        }
        metrics.lag(metadata.type(), Duration.between(metadata.occurredAt(), clock.instant()));
    }

    private void apply(EventMetadata metadata, JsonNode payload) {
        String type = metadata.type();
        switch (type.substring(0, Math.max(type.indexOf('.'), 0))) {
            case "project" -> {
                ProjectSnapshot p = json.treeToValue(payload, ProjectSnapshot.class);
                if (p.deleted()) {
                    documents.remove(SearchIndex.PROJECTS, p.projectId(), p.orgId(), p.version());
                } else {
                    documents.put(SearchDocument.of(p));
                }
            }
            case "team" -> {
                TeamSnapshot t = json.treeToValue(payload, TeamSnapshot.class);
                if (t.deleted()) {
                    documents.remove(SearchIndex.TEAMS, t.teamId(), t.orgId(), t.version());
                } else {
                    documents.put(SearchDocument.of(t));
                }
            }
            case "organization" -> {
                OrganizationSnapshot o = json.treeToValue(payload, OrganizationSnapshot.class);
                if (o.deletedAt() != null) {
                    documents.remove(SearchIndex.ORGANIZATIONS, o.orgId(), o.orgId(), o.version());
                } else {
                    documents.put(SearchDocument.of(o));
                }
            }
            default -> {
                // Other events on these topics do not change what is searchable.
            }
        }
    }
}
