package dev.tenantcore.search.query;

import java.util.List;

/**
 * One page of results.
 *
 * @param hits the page
 * @param total how many the caller may read across all pages
 */
public record SearchResults(List<SearchHit> hits, long total) {}
