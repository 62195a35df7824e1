package dev.tenantcore.gateway.routing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/** Every service's load balancer: round robin over the configured instances that are not refusing connections. */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = InstanceListPerService.class)
class InstanceChoice {}
