package dev.tenantcore.gateway.ratelimit;

import dev.tenantcore.gateway.identity.Caller;
import dev.tenantcore.gateway.ratelimit.RateLimitProperties.Limit;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Applies the rate limit of the matched route to the caller. Runs once the route is known (so the route
 * is the bucket's group) and after authentication (so the caller is). Allowed responses carry the
 * {@code RateLimit-*} headers too, so a client can slow down before it is refused.
 */
@Component
class RateLimitFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final Pattern ORG_PATH = Pattern.compile("^/api/v\\d+/orgs/([^/]+)(/.*)?$");

    private final RateLimitProperties properties;
    private final BucketLeases buckets;
    private final TierResolver tiers;
    private final List<PathPattern> credentialPaths;
    private final MeterRegistry meters;

    RateLimitFilter(RateLimitProperties properties, BucketLeases buckets, TierResolver tiers, MeterRegistry meters) {
        this.properties = properties;
        this.buckets = buckets;
        this.tiers = tiers;
        this.meters = meters;
        this.credentialPaths = properties.credentialPaths().stream()
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        var caller = Caller.of(exchange).orElse(null);
        if (!properties.enabled() || route == null || caller == null) {
            return chain.filter(exchange);
        }
        return bucketFor(exchange, route.getId(), caller)
                .flatMap(bucket -> buckets.take(bucket.key(), bucket.limit(), () -> RequestLoop.of(exchange))
                        .onErrorResume(failure -> unchecked(route.getId(), failure)))
                .flatMap(decision -> apply(exchange, route.getId(), decision))
                .then(Mono.defer(() -> chain.filter(exchange)));
    }

    private Mono<Bucket> bucketFor(ServerWebExchange exchange, String route, Caller caller) {
        var path = exchange.getRequest().getPath().pathWithinApplication();
        if (credentialPaths.stream().anyMatch(pattern -> pattern.matches(path))) {
            // Per address and endpoint, whatever the credential: this is where passwords are guessed.
            return Mono.just(
                    new Bucket(key("credentials", path.value(), exchange, caller, true), properties.credentials()));
        }
        if (!caller.authenticated()) {
            return Mono.just(new Bucket(key(route, "-", exchange, caller, false), properties.anonymous()));
        }
        var org = caller.orgId().orElseGet(() -> orgInPath(path.value()));
        return tiers.tierOf(org).map(tier -> {
            var limit = properties.tiers().get(tier);
            if (limit == null) {
                limit = properties.tiers().get(properties.defaultTier());
            }
            return new Bucket(key(route, org == null ? "-" : org, exchange, caller, false), limit);
        });
    }

    private static String key(String group, String org, ServerWebExchange exchange, Caller caller, boolean byAddress) {
        var who = byAddress ? "ip:" + address(exchange) : caller.principal();
        return "rate:" + group + ":" + org + ":" + who;
    }

    private static String address(ServerWebExchange exchange) {
        var remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
    }

    private static @Nullable String orgInPath(String path) {
        var matcher = ORG_PATH.matcher(path);
        return matcher.matches() ? matcher.group(1) : null;
    }

    /** Redis did not answer: refuse on the routes that must fail closed, let the request through elsewhere. */
    private Mono<Decision> unchecked(String route, Throwable failure) {
        boolean closed = properties.failClosedRoutes().contains(route);
        meters.counter("gateway.rate_limit.unchecked", "route", route, "decision", closed ? "refused" : "allowed")
                .increment();
        log.atWarn()
                .addKeyValue("route", route)
                .log(
                        "Rate limit unchecked, Redis unavailable; request {}: {}",
                        closed ? "refused" : "allowed",
                        failure.toString());
        return closed
                ? Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, null, failure))
                : Mono.empty();
    }

    private Mono<Void> apply(ServerWebExchange exchange, String route, Decision decision) {
        var headers = new HttpHeaders();
        headers.set("RateLimit-Limit", Integer.toString(decision.limit()));
        headers.set("RateLimit-Remaining", Long.toString(decision.remaining()));
        headers.set("RateLimit-Reset", Long.toString(seconds(decision.resetMillis())));
        if (!decision.allowed()) {
            meters.counter("gateway.rate_limit.rejections", "route", route).increment();
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds(decision.retryAfterMillis()))));
            return Mono.error(RateLimited.with(headers));
        }
        var response = exchange.getResponse();
        response.beforeCommit(() -> {
            response.getHeaders().putAll(headers);
            return Mono.empty();
        });
        return Mono.empty();
    }

    private static long seconds(long millis) {
        return (millis + 999) / 1000;
    }

    @Override
    public int getOrder() {
        // Before the circuit breaker and the proxying filters: a refused request costs a service nothing.
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    private record Bucket(String key, Limit limit) {}
}
