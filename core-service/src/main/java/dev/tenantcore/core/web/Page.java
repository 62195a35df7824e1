package dev.tenantcore.core.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.PageQuery;
import java.util.List;

/**
 * One page of a list and the total across pages.
 *
 * @param items the page's items
 * @param query the page asked for
 * @param total items across all pages
 */
public record Page<T>(List<T> items, PageQuery query, long total) {

    public ApiResponse<List<T>> response() {
        return ApiResponse.page(items, query.meta(total));
    }
}
