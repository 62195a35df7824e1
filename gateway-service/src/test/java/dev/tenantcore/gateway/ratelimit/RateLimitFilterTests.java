package dev.tenantcore.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.gateway.identity.Caller;
import dev.tenantcore.gateway.ratelimit.RateLimitProperties.Leasing;
import dev.tenantcore.gateway.ratelimit.RateLimitProperties.Limit;
import dev.tenantcore.gateway.ratelimit.TokenBuckets.Grant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** What the rate limit does when Redis does not answer: closed for auth, open (and counted) elsewhere. */
class RateLimitFilterTests {

    private static final Limit ONE = new Limit(1, 1.0);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RateLimitProperties properties = new RateLimitProperties(
            true,
            Map.of("free", ONE),
            "free",
            Map.of(),
            ONE,
            ONE,
            List.of("/api/v1/auth/token"),
            List.of("auth-service"),
            Duration.ofSeconds(60),
            Duration.ofMillis(500),
            new Leasing(Duration.ofMillis(100), 100));
    private final RateLimitFilter filter = new RateLimitFilter(
            properties,
            new BucketLeases(new RedisDown(), properties.lease(), System::nanoTime),
            org -> Mono.just("free"),
            meters);

    @Test
    void refusesAuthRequestsWhenRedisIsDown() {
        var passed = new AtomicBoolean();
        var exchange = exchange("/api/v1/auth/token", "auth-service");

        assertThatThrownBy(() -> filter.filter(exchange, e -> {
                            passed.set(true);
                            return Mono.empty();
                        })
                        .block())
                .isInstanceOfSatisfying(
                        ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(503));
        assertThat(passed).isFalse();
        assertThat(meters.counter("gateway.rate_limit.unchecked", "route", "auth-service", "decision", "refused")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void letsOtherRequestsThroughAndCountsThemWhenRedisIsDown() {
        var passed = new AtomicBoolean();

        filter.filter(exchange("/api/v1/orgs/o1/projects", "core-service"), e -> {
                    passed.set(true);
                    return Mono.empty();
                })
                .block();

        assertThat(passed).isTrue();
        assertThat(meters.counter("gateway.rate_limit.unchecked", "route", "core-service", "decision", "allowed")
                        .count())
                .isEqualTo(1);
    }

    private static MockServerWebExchange exchange(String path, String routeId) {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path));
        var route = Route.async()
                .id(routeId)
                .uri("http://127.0.0.1:1")
                .predicate(e -> true)
                .build();
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
        Caller.remember(exchange, new Caller.User("u1", "tenantcore", null));
        return exchange;
    }

    /** Buckets whose Redis is unreachable. */
    private static final class RedisDown extends TokenBuckets {

        RedisDown() {
            super(null);
        }

        @Override
        Mono<Grant> take(String key, Limit limit, int wanted, Scheduler continueOn) {
            return Mono.error(new RedisConnectionFailureException("Redis is down"));
        }
    }
}
