/**
 * Permission-aware search: the caller's grants from core become filters inside the OpenSearch query, so
 * pages and totals only ever count what the caller may read.
 */
@NullMarked
package dev.tenantcore.search.query;

import org.jspecify.annotations.NullMarked;
