package dev.tenantcore.core.web;

import dev.tenantcore.contracts.api.PageQuery;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Turns a client's {@code sort} into an ORDER BY over an allow-list of fields ({@code name} or {@code -name}). */
public final class Paging {

    private Paging() {}

    /**
     * @param columns API field name to SQL column
     * @param fallback the order when no sort is given
     */
    public static String orderBy(PageQuery page, Map<String, String> columns, String fallback) {
        return orderBy(page, columns, fallback, "id");
    }

    /** As {@link #orderBy(PageQuery, Map, String)}, with the id column that breaks ties named. */
    public static String orderBy(PageQuery page, Map<String, String> columns, String fallback, String idColumn) {
        String sort = page.sort();
        if (sort == null || sort.isBlank()) {
            return fallback;
        }
        boolean descending = sort.startsWith("-");
        String field = descending ? sort.substring(1) : sort;
        String column = columns.get(field);
        if (column == null) {
            throw new IllegalArgumentException("sort must be one of "
                    + columns.keySet().stream().sorted().collect(Collectors.joining(", "))
                    + " (prefix - for descending)");
        }
        return column + (descending ? " DESC" : " ASC") + ", " + idColumn;
    }

    public static PageQuery page(int page, int limit, @Nullable String sort) {
        return new PageQuery(page, limit, sort);
    }
}
