package dev.tenantcore.gateway.request;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.PathContainer.PathSegment;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers 404 for {@code /internal/**} and for paths that could reach it once a service normalises them.
 * No route matches {@code /internal/**}, but the gateway forwards paths as they came, and a servlet
 * container turns {@code /api/v1/..;/../internal/x} or {@code /api/v1/%2e%2e/...} into a path the routes
 * never saw; so dot segments and encoded separators are refused here rather than trusted to every service.
 */
@Component
class PathGuardFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return isPublic(exchange.getRequest().getPath().pathWithinApplication())
                ? chain.filter(exchange)
                : Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    static boolean isPublic(PathContainer path) {
        // valueToMatch() is decoded and without ;parameters, as a servlet container would see the segment.
        // A loop rather than streams: this runs for every request.
        boolean first = true;
        for (var element : path.elements()) {
            if (!(element instanceof PathSegment segment)) {
                continue;
            }
            var value = segment.valueToMatch();
            if (first && !value.isEmpty()) {
                if (value.equalsIgnoreCase("internal")) {
                    return false;
                }
                first = false;
            }
            if (escapes(value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean escapes(String segment) {
        return segment.equals(".") || segment.equals("..") || segment.contains("/") || segment.contains("\\");
    }

    @Override
    public int getOrder() {
        return FilterOrder.PATH_GUARD;
    }
}
