package dev.tenantcore.gateway.routing;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The instance list of one service, in that service's load-balancer context. Deliberately neither a
 * {@code @Configuration} nor nested in one: the gateway's own context must not pick it up.
 */
class InstanceListPerService {

    @Bean
    ServiceInstanceListSupplier instances(ConfigurableApplicationContext context, RefusingInstances refusing) {
        return new AvoidRefusingInstances(
                ServiceInstanceListSupplier.builder().withDiscoveryClient().build(context), refusing);
    }
}
