package dev.tenantcore.gateway.request;

import dev.tenantcore.contracts.security.HeaderNames;
import dev.tenantcore.gateway.tracing.TraceContextForwarding;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id, passes it downstream and returns it to the client. The request's copy made here
 * also carries the request's trace context downstream ({@link TraceContextForwarding}).
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

    private final TraceContextForwarding traceContext;

    RequestIdFilter(TraceContextForwarding traceContext) {
        this.traceContext = traceContext;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var id = RequestId.acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(HeaderNames.REQUEST_ID));
        RequestId.remember(exchange, id);
        var request = exchange.getRequest()
                .mutate()
                .headers(headers -> {
                    headers.set(HeaderNames.REQUEST_ID, id);
                    traceContext.addTo(headers, exchange);
                })
                .build();
        var response = exchange.getResponse();
        // At commit time, so that neither a downstream's copy nor the error handler can lose or double it.
        response.beforeCommit(() -> {
            response.getHeaders().set(HeaderNames.REQUEST_ID, id);
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().request(request).build());
    }

    @Override
    public int getOrder() {
        return FilterOrder.REQUEST_ID;
    }
}
