package dev.tenantcore.gateway.metrics;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access to the gateway's own actuator endpoints.
 *
 * @param scrapeToken the bearer token a metrics scraper presents ({@code Authorization: Bearer <token>}, Prometheus'
 *     {@code authorization.credentials}) to read {@code /actuator/prometheus} on the gateway's public port; unset, no
 *     actuator endpoint other than health answers (404), so nothing about the system leaks to the internet
 */
@ConfigurationProperties("tenantcore.gateway.metrics")
record MetricsProperties(@Nullable String scrapeToken) {}
