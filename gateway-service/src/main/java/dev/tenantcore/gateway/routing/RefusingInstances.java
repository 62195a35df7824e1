package dev.tenantcore.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.stereotype.Component;

/**
 * Instances that just refused a connection (stopped, restarting). The load balancer leaves them out for a
 * moment, so the retry of a refused request and the requests after it go to an instance that listens; after
 * that moment one request tries the instance again.
 */
@Component
class RefusingInstances {

    /** Long enough to carry a request's retries past the instance, short enough to notice it is back. */
    private static final Duration AVOID_FOR = Duration.ofSeconds(2);

    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    void refused(URI instance) {
        until.put(key(instance.getHost(), instance.getPort()), Instant.now().plus(AVOID_FOR));
    }

    boolean isRefusing(ServiceInstance instance) {
        Instant end = until.get(key(instance.getHost(), instance.getPort()));
        return end != null && Instant.now().isBefore(end);
    }

    private static String key(String host, int port) {
        return host + ":" + port;
    }
}
