/**
 * Rebuilding an index from core's data into a new generation behind the alias while searches continue, and
 * the consistency check that compares core with the index (ids and versions) and repairs drift.
 */
@NullMarked
package dev.tenantcore.search.reindex;

import org.jspecify.annotations.NullMarked;
