package dev.tenantcore.gateway.health;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/**
 * The readiness of the whole system as the gateway sees it: UP only when every service is UP.
 *
 * @param status the aggregate
 * @param services each service's own result, by service name
 */
public record HealthReport(Status status, Map<String, ServiceHealth> services) {

    public HealthReport {
        // Sorted, so the JSON lists services in a stable order however the probes finished.
        services = new TreeMap<>(services);
    }

    static HealthReport of(Map<String, ServiceHealth> services) {
        var status =
                services.values().stream().allMatch(service -> service.status() == Status.UP) ? Status.UP : Status.DOWN;
        return new HealthReport(status, services);
    }

    public boolean allUp() {
        return status == Status.UP;
    }

    /** UP or DOWN; a service that is starting, stopping or unreachable is DOWN. */
    public enum Status {
        UP,
        DOWN
    }

    /**
     * One service's readiness.
     *
     * @param status what its readiness probe said, or DOWN if it did not answer in time
     * @param url the service's base URL
     */
    public record ServiceHealth(Status status, URI url) {}
}
