package dev.tenantcore.search.opensearch;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.HealthStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Ready only while the cluster answers and is at least yellow: search is useless without it. Asks with the
 * query timeout, so a hung node reports down before the probe itself times out.
 */
@Component("opensearch")
class OpenSearchHealthIndicator implements HealthIndicator {

    private final OpenSearchClient client;

    OpenSearchHealthIndicator(OpenSearchQueries queries) {
        this.client = queries.client();
    }

    @Override
    public Health health() {
        try {
            HealthStatus status = client.cluster().health().status();
            var health = status == HealthStatus.Red ? Health.down() : Health.up();
            return health.withDetail("status", status.jsonValue()).build();
        } catch (Exception e) {
            return Health.down()
                    .withDetail("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
