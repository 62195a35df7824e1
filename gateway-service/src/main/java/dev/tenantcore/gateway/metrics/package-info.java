/**
 * Operators' access to the gateway's metrics: {@code /actuator/prometheus} (and any actuator endpoint other than
 * health) on the public port answers only a scraper that presents the configured token.
 */
@NullMarked
package dev.tenantcore.gateway.metrics;

import org.jspecify.annotations.NullMarked;
