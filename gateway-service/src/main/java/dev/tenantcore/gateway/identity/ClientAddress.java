package dev.tenantcore.gateway.identity;

import org.springframework.web.server.ServerWebExchange;

/**
 * The client's address as the gateway sees it. Behind a load balancer, set
 * {@code server.forward-headers-strategy=native} so that this is the client, not the balancer.
 */
final class ClientAddress {

    private ClientAddress() {}

    static String of(ServerWebExchange exchange) {
        var remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
