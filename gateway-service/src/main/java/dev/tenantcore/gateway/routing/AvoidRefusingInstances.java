package dev.tenantcore.gateway.routing;

import java.util.List;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/** A service's instances without those that just refused a connection, unless no other is left. */
final class AvoidRefusingInstances implements ServiceInstanceListSupplier {

    private final ServiceInstanceListSupplier delegate;
    private final RefusingInstances refusing;

    AvoidRefusingInstances(ServiceInstanceListSupplier delegate, RefusingInstances refusing) {
        this.delegate = delegate;
        this.refusing = refusing;
    }

    @Override
    public String getServiceId() {
        return delegate.getServiceId();
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return delegate.get().map(instances -> {
            var listening =
                    instances.stream().filter(i -> !refusing.isRefusing(i)).toList();
            return listening.isEmpty() ? instances : listening;
        });
    }
}
