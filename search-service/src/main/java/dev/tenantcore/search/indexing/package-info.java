/**
 * Keeps the indices in step with core's events: a Kafka adapter, the handler that turns snapshots into
 * versioned writes, retries that never skip a record, and indexing metrics.
 */
@NullMarked
package dev.tenantcore.search.indexing;

import org.jspecify.annotations.NullMarked;
