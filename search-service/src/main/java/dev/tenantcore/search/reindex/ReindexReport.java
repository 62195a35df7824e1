package dev.tenantcore.search.reindex;

/**
 * The outcome of a reindex.
 *
 * @param alias the alias rebuilt
 * @param from the physical index searched before
 * @param to the physical index the alias points to now
 * @param documents documents loaded from core
 * @param millis how long loading and swapping took
 * @param documentsPerSecond bulk indexing rate
 */
public record ReindexReport(
        String alias, String from, String to, long documents, long millis, long documentsPerSecond) {}
