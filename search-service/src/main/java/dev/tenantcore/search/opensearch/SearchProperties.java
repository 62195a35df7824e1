package dev.tenantcore.search.opensearch;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how search-service reaches OpenSearch.
 *
 * @param opensearchUrl the cluster's HTTP address, e.g. {@code http://127.0.0.1:19200}
 * @param connectTimeout how long to wait for a connection before answering {@code unavailable}
 * @param socketTimeout how long a single request may take: indexing, bulk loads, reindex and index
 *     administration
 * @param queryTimeout how long a search query (and the health check) may take before the caller gets
 *     {@code unavailable}: a hung node must not hold a search until the gateway gives up
 * @param breakerOpenFor how long searches answer {@code unavailable} at once, without trying OpenSearch,
 *     after most recent queries failed; then one query probes whether it is back
 */
@Validated
@ConfigurationProperties("tenantcore.search")
public record SearchProperties(
        @NotNull URI opensearchUrl,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("10s") Duration socketTimeout,
        @DefaultValue("2s") Duration queryTimeout,
        @DefaultValue("5s") Duration breakerOpenFor) {}
