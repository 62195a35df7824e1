package dev.tenantcore.gateway.request;

import dev.tenantcore.contracts.security.HeaderNames;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Removes the identity headers only the gateway may assert ({@link HeaderNames#GATEWAY_ASSERTED}): services
 * trust them, so a client that sends {@code X-Authenticated-User} must not reach a service with it.
 */
@Component
class AssertedHeadersFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var headers = exchange.getRequest().getHeaders();
        if (HeaderNames.GATEWAY_ASSERTED.stream().noneMatch(headers::containsHeader)) {
            return chain.filter(exchange);
        }
        var request = exchange.getRequest()
                .mutate()
                .headers(writable -> HeaderNames.GATEWAY_ASSERTED.forEach(writable::remove))
                .build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    @Override
    public int getOrder() {
        return FilterOrder.ASSERTED_HEADERS;
    }
}
