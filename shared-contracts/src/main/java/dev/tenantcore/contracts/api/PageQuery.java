package dev.tenantcore.contracts.api;

import org.jspecify.annotations.Nullable;

/**
 * A validated page request: {@code page} is 1-based, {@code limit} defaults to {@value #DEFAULT_LIMIT}
 * and is at most {@value #MAX_LIMIT}.
 */
public record PageQuery(int page, int limit, @Nullable String sort) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_PAGE = 1_000_000;

    public PageQuery {
        if (page < 1 || page > MAX_PAGE) {
            throw new IllegalArgumentException("page must be between 1 and " + MAX_PAGE);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    /** The number of rows to skip. */
    public long offset() {
        return (long) (page - 1) * limit;
    }

    public PageMeta meta(long total) {
        return new PageMeta(page, limit, total);
    }
}
