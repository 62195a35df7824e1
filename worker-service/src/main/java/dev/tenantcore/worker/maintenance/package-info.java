/** Scheduled maintenance of the worker's own data, one replica at a time (ShedLock). */
@NullMarked
package dev.tenantcore.worker.maintenance;

import org.jspecify.annotations.NullMarked;
