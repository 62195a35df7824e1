/**
 * Two-level caches (in process and Redis) of per-org data, invalidated across instances by a per-org epoch and
 * a Redis announcement.
 */
@NullMarked
package dev.tenantcore.core.cache;

import org.jspecify.annotations.NullMarked;
