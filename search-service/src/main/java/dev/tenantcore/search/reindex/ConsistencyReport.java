package dev.tenantcore.search.reindex;

/**
 * The outcome of a consistency check; every drift found was repaired.
 *
 * @param alias the alias checked
 * @param expected documents core holds
 * @param missing in core but not in the index (added)
 * @param stale in the index with an older version than core's (replaced)
 * @param extra in the index but not in core (removed)
 */
public record ConsistencyReport(String alias, long expected, long missing, long stale, long extra) {}
