/** The worker's configuration. */
@NullMarked
package dev.tenantcore.worker.config;

import org.jspecify.annotations.NullMarked;
