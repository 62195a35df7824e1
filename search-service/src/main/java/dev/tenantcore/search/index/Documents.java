package dev.tenantcore.search.index;

import dev.tenantcore.search.opensearch.OpenSearchUnavailable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.bulk.OperationType;
import org.springframework.stereotype.Component;

/**
 * Writes documents with external versions: OpenSearch keeps a write only if its version is higher than the
 * stored one (deletes leave a versioned tombstone for {@code index.gc_deletes}), so duplicates and late
 * events are no-ops and the result does not depend on arrival order. Every write is routed by org id.
 *
 * <p>Writes ask for no refresh: a change becomes searchable at its index's next scheduled refresh
 * ({@link IndexProperties#refreshInterval()}, 250 ms, set explicitly on every index so that idle shards keep
 * refreshing; see {@link Indices}). That bounds write-to-searchable lag by the interval plus the way from core's
 * commit to the bulk write. {@code refresh=wait_for} would hold the consumer and its partitions until the next
 * refresh for every batch, and {@code refresh=true} would make a segment per batch.
 */
@Component
public class Documents {

    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;
    private static final int TOO_MANY_REQUESTS = 429;
    private static final int SERVER_ERROR = 500;

    private final OpenSearchClient client;
    private final Indices indices;

    Documents(OpenSearchClient client, Indices indices) {
        this.client = client;
        this.indices = indices;
    }

    /** Stores the document unless a newer version is there; false when it was stale. */
    public boolean put(SearchDocument document) {
        BulkResult result = applyAll(List.of(new DocumentChange.Put(document)));
        if (!result.rejected().isEmpty()) {
            throw new IllegalArgumentException("index refused " + document.id() + ": "
                    + result.rejected().getFirst().reason());
        }
        return result.stale() == 0;
    }

    /**
     * Applies the changes in one bulk request, in order, through the alias (and to a reindex's new generation
     * while it loads). Two changes of one document in one request converge like two requests: the higher
     * version wins, whichever comes first.
     *
     * @return how many were stale, and which changes the index refused for good
     * @throws OpenSearchUnavailable when OpenSearch cannot take the request or any part of it for now; the
     *     whole request may then be sent again, since writes of a version already there are no-ops
     */
    public BulkResult applyAll(List<DocumentChange> changes) {
        if (changes.isEmpty()) {
            return new BulkResult(0, List.of());
        }
        indices.ensureCreated();
        List<BulkOperation> operations = new ArrayList<>(changes.size());
        List<Integer> positions = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            DocumentChange change = changes.get(i);
            operations.add(operation(change.index().alias(), change));
            positions.add(i);
            Optional<String> dualWrite = indices.dualWriteTarget(change.index());
            if (dualWrite.isPresent()) {
                operations.add(operation(dualWrite.get(), change));
                positions.add(i);
            }
        }
        List<BulkResponseItem> items;
        try {
            items = client.bulk(b -> b.operations(operations)).items();
        } catch (IOException | OpenSearchException e) {
            throw OpenSearchUnavailable.translate(e);
        }
        int stale = 0;
        SortedMap<Integer, String> rejected = new TreeMap<>();
        for (int k = 0; k < items.size(); k++) {
            BulkResponseItem item = items.get(k);
            int status = item.status();
            if (item.error() == null || (status == NOT_FOUND && item.operationType() == OperationType.Delete)) {
                continue; // a delete of nothing still records its versioned tombstone
            }
            String reason = item.error().type() + ": " + item.error().reason();
            if (status == CONFLICT) {
                stale++;
            } else if (status == TOO_MANY_REQUESTS || status >= SERVER_ERROR) {
                throw OpenSearchUnavailable.of(new IOException("bulk item failed with " + status + ": " + reason));
            } else {
                rejected.putIfAbsent(positions.get(k), reason);
            }
        }
        List<BulkResult.Rejected> refused = new ArrayList<>(rejected.size());
        rejected.forEach((position, reason) -> refused.add(new BulkResult.Rejected(position, reason)));
        return new BulkResult(stale, refused);
    }

    private static BulkOperation operation(String target, DocumentChange change) {
        return switch (change) {
            case DocumentChange.Put put ->
                BulkOperation.of(op -> op.index(i -> i.index(target)
                        .id(change.id().toString())
                        .routing(change.orgId().toString())
                        .version(change.version())
                        .versionType(VersionType.External)
                        .document(put.document().source())));
            case DocumentChange.Remove remove ->
                BulkOperation.of(op -> op.delete(d -> d.index(target)
                        .id(remove.id().toString())
                        .routing(remove.orgId().toString())
                        .version(remove.version())
                        .versionType(VersionType.External)));
        };
    }

    /**
     * Stores many documents into one physical index in one request, each with its external version.
     *
     * @return how many were stale (a newer version was already there)
     */
    public int putAll(String indexName, List<SearchDocument> documents) {
        if (documents.isEmpty()) {
            return 0;
        }
        List<BulkOperation> operations = new ArrayList<>(documents.size());
        for (SearchDocument d : documents) {
            operations.add(BulkOperation.of(op -> op.index(i -> i.index(indexName)
                    .id(d.id().toString())
                    .routing(d.orgId().toString())
                    .version(d.version())
                    .versionType(VersionType.External)
                    .document(d.source()))));
        }
        try {
            var response = client.bulk(b -> b.operations(operations));
            int stale = 0;
            for (BulkResponseItem item : response.items()) {
                if (item.error() == null) {
                    continue;
                }
                if (item.status() == CONFLICT) {
                    stale++;
                } else {
                    throw OpenSearchUnavailable.of(
                            new IOException("bulk item failed: " + item.error().type()));
                }
            }
            return stale;
        } catch (IOException | OpenSearchException e) {
            throw OpenSearchUnavailable.translate(e);
        }
    }

    /** Removes a document from one physical index unconditionally, for repairs. */
    public void removeFrom(String indexName, String id, String orgId) {
        try {
            client.delete(d -> d.index(indexName).id(id).routing(orgId));
        } catch (IOException | OpenSearchException e) {
            if (OpenSearchUnavailable.statusOf(e) != NOT_FOUND) {
                throw OpenSearchUnavailable.translate(e);
            }
        }
    }
}
