package dev.tenantcore.search.indexing;

import dev.tenantcore.contracts.events.EventMetadata;
import dev.tenantcore.contracts.events.core.OrganizationSnapshot;
import dev.tenantcore.contracts.events.core.ProjectSnapshot;
import dev.tenantcore.contracts.events.core.TeamSnapshot;
import dev.tenantcore.search.index.BulkResult;
import dev.tenantcore.search.index.DocumentChange;
import dev.tenantcore.search.index.Documents;
import dev.tenantcore.search.index.SearchDocument;
import dev.tenantcore.search.index.SearchIndex;
import dev.tenantcore.search.opensearch.OpenSearchUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies a batch of core events to the index in one bulk write. Snapshots carry the aggregate's version,
 * used as the document's external version: replays, redelivered batches and out-of-order deliveries are
 * no-ops, and two changes of one document in one batch leave the higher version whatever their order, so no
 * processed-event log is needed.
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

    /**
     * Applies the events in order: all of them, or those before the first that can never be indexed.
     *
     * @throws UnindexableEvent naming the first event that can never be indexed; all before it are applied
     * @throws OpenSearchUnavailable when OpenSearch cannot take the writes for now; the batch may be applied
     *     again as a whole
     */
    void handle(List<ReceivedEvent> events) {
        List<DocumentChange> changes = new ArrayList<>(events.size());
        List<Integer> origins = new ArrayList<>(events.size());
        List<EventMetadata> understood = new ArrayList<>(events.size());
        UnindexableEvent malformed = null;
        for (int i = 0; i < events.size() && malformed == null; i++) {
            try {
                Parsed parsed = parse(events.get(i).value());
                understood.add(parsed.metadata());
                if (parsed.change().isPresent()) {
                    changes.add(parsed.change().get());
                    origins.add(i);
                }
            } catch (RuntimeException e) { // unreadable JSON, a missing field, an unexpected shape
                malformed = UnindexableEvent.malformed(i, events.get(i), e);
            }
        }
        BulkResult result = apply(changes, origins, events);
        if (!result.rejected().isEmpty()) {
            BulkResult.Rejected first = result.rejected().getFirst();
            int position = origins.get(first.position());
            recordLag(understood.subList(0, position));
            throw UnindexableEvent.refused(position, events.get(position), first.reason());
        }
        recordLag(understood);
        if (malformed != null) {
            throw malformed;
        }
    }

    /**
     * One bulk write; should OpenSearch refuse the request as a whole (which no valid change causes), the
     * changes are written one at a time so that only the event at fault is named.
     */
    private BulkResult apply(List<DocumentChange> changes, List<Integer> origins, List<ReceivedEvent> events) {
        try {
            return documents.applyAll(changes);
        } catch (OpenSearchUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            if (changes.size() == 1) {
                throw UnindexableEvent.refused(origins.getFirst(), events.get(origins.getFirst()), e.toString());
            }
            int stale = 0;
            for (int k = 0; k < changes.size(); k++) {
                BulkResult one = apply(changes.subList(k, k + 1), origins.subList(k, k + 1), events);
                if (!one.rejected().isEmpty()) {
                    return new BulkResult(
                            stale,
                            List.of(new BulkResult.Rejected(
                                    k, one.rejected().getFirst().reason())));
                }
                stale += one.stale();
            }
            return new BulkResult(stale, List.of());
        }
    }

    private void recordLag(List<EventMetadata> applied) {
        var now = clock.instant();
        applied.forEach(m -> metrics.lag(m.type(), Duration.between(m.occurredAt(), now)));
    }

    private record Parsed(EventMetadata metadata, Optional<DocumentChange> change) {}

    private Parsed parse(@Nullable String value) {
        if (value == null) {
            throw new IllegalArgumentException("a record without value is not an event");
        }
        JsonNode event = json.readTree(value);
        EventMetadata metadata = json.treeToValue(event.required("metadata"), EventMetadata.class);
        return new Parsed(metadata, change(metadata, event.required("payload")).map(CoreEventHandler::complete));
    }

    /** Fields every write needs: checked here so that one incomplete snapshot cannot fail a whole bulk. */
    @SuppressWarnings("ConstantValue") // JSON may leave any field null
    private static DocumentChange complete(DocumentChange change) {
        boolean complete = change.id() != null
                && change.orgId() != null
                && change.version() >= 0 // OpenSearch refuses a whole bulk request with a negative external version
                && (!(change instanceof DocumentChange.Put put)
                        || (put.document().createdAt() != null && put.document().updatedAt() != null));
        if (!complete) {
            throw new IllegalArgumentException("snapshot without id, org id or timestamps");
        }
        return change;
    }

    private Optional<DocumentChange> change(EventMetadata metadata, JsonNode payload) {
        String type = metadata.type();
        return switch (type.substring(0, Math.max(type.indexOf('.'), 0))) {
            case "project" -> {
                ProjectSnapshot p = json.treeToValue(payload, ProjectSnapshot.class);
                yield Optional.of(
                        p.deleted()
                                ? new DocumentChange.Remove(SearchIndex.PROJECTS, p.projectId(), p.orgId(), p.version())
                                : new DocumentChange.Put(SearchDocument.of(p)));
            }
            case "team" -> {
                TeamSnapshot t = json.treeToValue(payload, TeamSnapshot.class);
                yield Optional.of(
                        t.deleted()
                                ? new DocumentChange.Remove(SearchIndex.TEAMS, t.teamId(), t.orgId(), t.version())
                                : new DocumentChange.Put(SearchDocument.of(t)));
            }
            case "organization" -> {
                OrganizationSnapshot o = json.treeToValue(payload, OrganizationSnapshot.class);
                yield Optional.of(
                        o.deletedAt() != null
                                ? new DocumentChange.Remove(
                                        SearchIndex.ORGANIZATIONS, o.orgId(), o.orgId(), o.version())
                                : new DocumentChange.Put(SearchDocument.of(o)));
            }
            // Other events on these topics do not change what is searchable.
            default -> Optional.empty();
        };
    }
}
