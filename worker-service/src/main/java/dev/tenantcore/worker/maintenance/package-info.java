/**
 * Scheduled maintenance, one replica at a time (ShedLock): the worker's own data, and auth's and core's through
 * their SECURITY DEFINER functions and core's internal API.
 */
@NullMarked
package dev.tenantcore.worker.maintenance;

import org.jspecify.annotations.NullMarked;
