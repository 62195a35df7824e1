package dev.tenantcore.gateway.metrics;

import dev.tenantcore.gateway.request.FilterOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The gateway's port is public, so its actuator endpoints other than health are hidden (404 envelope) unless the
 * caller presents {@link MetricsProperties#scrapeToken()}; compared in constant time.
 */
@Component
class ScrapeAccessFilter implements WebFilter, Ordered {

    private final byte[] token;

    ScrapeAccessFilter(MetricsProperties properties) {
        String configured = properties.scrapeToken();
        this.token = configured == null || configured.isBlank() ? new byte[0] : bytes("Bearer " + configured);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith("/actuator") || path.equals("/actuator/health") || path.startsWith("/actuator/health/")) {
            return chain.filter(exchange);
        }
        String presented = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        boolean allowed = token.length > 0 && presented != null && MessageDigest.isEqual(token, bytes(presented));
        return allowed ? chain.filter(exchange) : Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @Override
    public int getOrder() {
        return FilterOrder.ACTUATOR_ACCESS;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
