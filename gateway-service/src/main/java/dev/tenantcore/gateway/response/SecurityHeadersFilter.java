package dev.tenantcore.gateway.response;

import dev.tenantcore.contracts.security.HeaderNames;
import dev.tenantcore.gateway.identity.Caller;
import dev.tenantcore.gateway.request.FilterOrder;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Sets the security headers on every response at commit time, whoever wrote it: a service, the error
 * handler, a refused preflight. Services' own copies are overwritten, and headers naming the server or
 * framework are removed.
 */
@Component
class SecurityHeadersFilter implements WebFilter, Ordered {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /** The API browser (/docs) needs its own scripts and styles, and nothing from elsewhere. */
    static final String DOCS_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

    /** The headers every response carries whatever it answers, also those Netty writes itself. */
    static final Map<String, String> FIXED = Map.of(
            "Strict-Transport-Security", "max-age=31536000; includeSubDomains",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cross-Origin-Resource-Policy", "same-origin");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var response = exchange.getResponse();
        response.beforeCommit(() -> {
            var headers = response.getHeaders();
            FIXED.forEach(headers::set);
            headers.set("Content-Security-Policy", isDocs(exchange) ? DOCS_POLICY : API_POLICY);
            if (isPersonal(exchange)
                    || response.getStatusCode() == null
                    || response.getStatusCode().isError()) {
                headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
            }
            headers.remove("Server");
            headers.remove("X-Powered-By");
            headers.remove("X-Application-Context");
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private static boolean isDocs(ServerWebExchange exchange) {
        var path = exchange.getRequest().getPath().value();
        return path.equals("/docs") || path.startsWith("/docs/") || path.startsWith("/webjars/");
    }

    /** Anything answered to a credential, accepted or not, is the caller's alone: never cached. */
    private static boolean isPersonal(ServerWebExchange exchange) {
        var request = exchange.getRequest().getHeaders();
        return Caller.of(exchange).map(Caller::authenticated).orElse(false)
                || request.containsHeader(HttpHeaders.AUTHORIZATION)
                || request.containsHeader(HeaderNames.API_KEY);
    }

    @Override
    public int getOrder() {
        return FilterOrder.RESPONSE_HEADERS;
    }
}
