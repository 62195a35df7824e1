/** Who calls, and whether core-service allows it; core's internal API for the data the worker reads. */
@NullMarked
package dev.tenantcore.worker.access;

import org.jspecify.annotations.NullMarked;
