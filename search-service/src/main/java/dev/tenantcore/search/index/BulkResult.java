package dev.tenantcore.search.index;

import java.util.List;

/**
 * What one bulk write did.
 *
 * @param stale how many writes found a newer version already there (no-ops, as intended)
 * @param rejected the changes the index refused for good (a mapping or validation failure), by position in the
 *     request, in order; retrying them cannot help
 */
public record BulkResult(int stale, List<Rejected> rejected) {

    /**
     * A change the index refused.
     *
     * @param position its position among the changes written
     * @param reason OpenSearch's error type and reason, for logs only
     */
    public record Rejected(int position, String reason) {}
}
