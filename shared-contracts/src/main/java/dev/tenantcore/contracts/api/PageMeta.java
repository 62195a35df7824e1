package dev.tenantcore.contracts.api;

/**
 * Paging facts of a list response.
 *
 * @param page the 1-based page number
 * @param limit the page size asked for
 * @param total the number of items across all pages
 */
public record PageMeta(int page, int limit, long total) {}
