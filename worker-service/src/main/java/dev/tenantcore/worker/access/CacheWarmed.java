package dev.tenantcore.worker.access;

/**
 * What core warmed at {@code POST /internal/cache/warm}.
 *
 * @param organizations how many organizations' caches were loaded
 * @param profiles how many user profiles were loaded
 */
public record CacheWarmed(long organizations, long profiles) {}
