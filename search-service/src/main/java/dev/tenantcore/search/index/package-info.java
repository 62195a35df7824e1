/**
 * The search indices: versioned physical indices behind aliases ({@code projects_v1} behind
 * {@code projects}), their mappings, and writes with external versions so that stale events never win.
 */
@NullMarked
package dev.tenantcore.search.index;

import org.jspecify.annotations.NullMarked;
