package dev.tenantcore.search.index;

import dev.tenantcore.search.opensearch.OpenSearchUnavailable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.springframework.stereotype.Component;

/**
 * Writes documents with external versions: OpenSearch keeps a write only if its version is higher than the
 * stored one (deletes leave a versioned tombstone for {@code index.gc_deletes}), so duplicates and late
 * events are no-ops and the result does not depend on arrival order. Every write is routed by org id.
 */
@Component
public class Documents {

    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;

    private final OpenSearchClient client;
    private final Indices indices;

    Documents(OpenSearchClient client, Indices indices) {
        this.client = client;
        this.indices = indices;
    }

    /** Stores the document unless a newer version is there; false when it was stale. */
    public boolean put(SearchDocument document) {
        indices.ensureCreated();
        boolean applied = put(document.index().alias(), document);
        indices.dualWriteTarget(document.index()).ifPresent(target -> put(target, document));
        return applied;
    }

    /** Removes the document as of {@code version}; false when a newer version was there. */
    public boolean remove(SearchIndex index, UUID id, UUID orgId, long version) {
        indices.ensureCreated();
        boolean applied = remove(index.alias(), id, orgId, version);
        indices.dualWriteTarget(index).ifPresent(target -> remove(target, id, orgId, version));
        return applied;
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

    private boolean put(String target, SearchDocument d) {
        try {
            client.index(i -> i.index(target)
                    .id(d.id().toString())
                    .routing(d.orgId().toString())
                    .version(d.version())
                    .versionType(VersionType.External)
                    .document(d.source()));
            return true;
        } catch (IOException | OpenSearchException e) {
            if (OpenSearchUnavailable.statusOf(e) == CONFLICT) {
                return false;
            }
            throw OpenSearchUnavailable.translate(e);
        }
    }

    private boolean remove(String target, UUID id, UUID orgId, long version) {
        try {
            client.delete(d -> d.index(target)
                    .id(id.toString())
                    .routing(orgId.toString())
                    .version(version)
                    .versionType(VersionType.External));
            return true;
        } catch (IOException | OpenSearchException e) {
            int status = OpenSearchUnavailable.statusOf(e);
            if (status == CONFLICT) {
                return false;
            }
            if (status == NOT_FOUND) {
                return true; // nothing there: the versioned tombstone is recorded anyway
            }
            throw OpenSearchUnavailable.translate(e);
        }
    }
}
