package dev.tenantcore.gateway.routing;

import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The instance list of one service, in that service's load-balancer context. Deliberately neither a
 * {@code @Configuration} nor nested in one: the gateway's own context must not pick it up.
 *
 * <p>A service configured with several instances has them health-checked: each instance's readiness probe is
 * asked every {@code spring.cloud.loadbalancer.health-check.interval} and only ready instances are chosen, so an
 * instance that is stopping (its readiness turns down at SIGTERM, and it keeps serving for
 * {@code tenantcore.shutdown.drain}) leaves the choices before it closes its connections. A single configured
 * instance is not checked: it is the only choice either way, and in Kubernetes it is a Service whose pods the
 * cluster balances by their own readiness.
 */
class InstanceListPerService {

    @Bean
    ServiceInstanceListSupplier instances(ConfigurableApplicationContext context, RefusingInstances refusing) {
        String service = LoadBalancerClientFactory.getName(context.getEnvironment());
        var builder = ServiceInstanceListSupplier.builder().withDiscoveryClient();
        if (service != null
                && context.getBean(DiscoveryClient.class).getInstances(service).size() > 1) {
            builder = builder.withHealthChecks(WebClient.create());
        }
        return new AvoidRefusingInstances(builder.build(context), refusing);
    }
}
