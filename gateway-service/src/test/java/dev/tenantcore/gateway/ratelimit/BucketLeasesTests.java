package dev.tenantcore.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.engines.test.SharedEngines;
import dev.tenantcore.gateway.ratelimit.RateLimitProperties.Leasing;
import dev.tenantcore.gateway.ratelimit.RateLimitProperties.Limit;
import dev.tenantcore.gateway.ratelimit.TokenBuckets.Grant;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Tokens taken from the Redis bucket ahead of need for a busy caller, against the shared Redis; the leases'
 * clock is the test's, Redis' refill is negligible ({@link #ALMOST_NONE}).
 */
class BucketLeasesTests {

    private static final double ALMOST_NONE = 0.0001;
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private static LettuceConnectionFactory factory;
    private static ReactiveStringRedisTemplate redis;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final String key = "rate:test:" + UUID.randomUUID();

    @BeforeAll
    static void connect() {
        var endpoint = SharedEngines.redis();
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(endpoint.host(), endpoint.port()));
        factory.afterPropertiesSet();
        redis = new ReactiveStringRedisTemplate(factory);
    }

    @AfterAll
    static void disconnect() {
        factory.destroy();
    }

    @Test
    void aQuietCallerTakesOneTokenPerRequestInRedis() {
        var leases = leases(100);
        var limit = new Limit(1_000, ALMOST_NONE);

        for (int i = 1; i <= 9; i++) {
            var decision = take(leases, limit);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).isEqualTo(1_000 - i);
            assertThat(tokensInRedis()).isEqualTo(1_000 - i);
        }
    }

    @Test
    void aBusyCallerTakesATenthOfItsLastSecondsRequestsAtOnceAndSpendsThemWithoutRedis() {
        var leases = leases(100);
        var limit = new Limit(1_000, ALMOST_NONE);
        busySecond(leases, limit, 300);
        assertThat(tokensInRedis()).isEqualTo(700);

        var first = take(leases, limit);

        assertThat(tokensInRedis()).as("30 tokens taken at once").isEqualTo(670);
        assertThat(first.allowed()).isTrue();
        assertThat(first.remaining()).isEqualTo(699);
        for (int i = 1; i < 30; i++) {
            var held = take(leases, limit);
            assertThat(held.allowed()).isTrue();
            assertThat(held.remaining()).isEqualTo(699 - i);
        }
        assertThat(tokensInRedis()).as("the held tokens spent without Redis").isEqualTo(670);

        take(leases, limit);
        assertThat(tokensInRedis()).as("the lease spent, the next batch").isEqualTo(640);
    }

    @Test
    void requestsArrivingWhileABatchIsOnItsWayAskForOneTokenEach() throws Exception {
        var answerHeld = new AtomicBoolean();
        var release = Sinks.empty();
        var asked = new CopyOnWriteArrayList<Integer>();
        var slowRedis = new TokenBuckets(redis) {
            @Override
            Mono<Grant> take(String key, Limit limit, int wanted, Scheduler continueOn) {
                asked.add(wanted);
                var answer = super.take(key, limit, wanted, continueOn);
                return answerHeld.get() ? answer.delaySubscription(release.asMono()) : answer;
            }
        };
        var leases = new BucketLeases(slowRedis, new Leasing(Duration.ofMillis(100), 100), now::get);
        var limit = new Limit(1_000, ALMOST_NONE);
        busySecond(leases, limit, 300);
        asked.clear();
        answerHeld.set(true);

        var first = leases.take(key, limit, Schedulers::immediate).toFuture();
        var second = leases.take(key, limit, Schedulers::immediate).toFuture();
        release.tryEmitEmpty();

        assertThat(first.get(10, TimeUnit.SECONDS).allowed()).isTrue();
        assertThat(second.get(10, TimeUnit.SECONDS).allowed()).isTrue();
        assertThat(asked).as("one batch of 30, then one token").containsExactly(30, 1);
        assertThat(tokensInRedis()).isEqualTo(669);

        answerHeld.set(false);
        for (int i = 0; i < 29; i++) {
            take(leases, limit);
        }
        assertThat(asked).as("the batch's 29 held tokens spent without Redis").containsExactly(30, 1);
    }

    @Test
    void takesAtMostMaxTokensAndATenthOfTheBucketAtOnce() {
        var small = new Limit(100, ALMOST_NONE);
        // A whole second ahead: the 60 requests of the last second would be 60 tokens.
        var leases = leases(Duration.ofSeconds(1), 100);
        busySecond(leases, small, 60);
        take(leases, small);
        assertThat(tokensInRedis()).as("a tenth of 100").isEqualTo(30);

        var other = new BucketLeasesTests();
        var capped = other.leases(Duration.ofMillis(100), 4);
        var large = new Limit(1_000, ALMOST_NONE);
        other.busySecond(capped, large, 300);
        other.take(capped, large);
        assertThat(other.tokensInRedis()).as("max-tokens 4").isEqualTo(696);
    }

    @Test
    void dropsTokensNotSpentWithinTheHold() {
        var leases = leases(100);
        var limit = new Limit(1_000, ALMOST_NONE);
        busySecond(leases, limit, 300);
        take(leases, limit);
        assertThat(tokensInRedis()).isEqualTo(670);

        now.addAndGet(BucketLeases.HOLD.toNanos());
        var afterHold = take(leases, limit);

        assertThat(tokensInRedis())
                .as("the 29 held tokens dropped, Redis asked again")
                .isLessThan(670);
        assertThat(afterHold.remaining()).isLessThan(670);
    }

    @Test
    void instancesSharingABucketNeverAllowMoreThanItHolds() {
        var limit = new Limit(100, ALMOST_NONE);
        var one = leases(100);
        var two = leases(100);
        int allowed = 0;
        Decision last = null;
        for (int second = 0; second < 3; second++) {
            for (int i = 0; i < 60; i++) {
                for (var leases : new BucketLeases[] {one, two}) {
                    last = take(leases, limit);
                    allowed += last.allowed() ? 1 : 0;
                }
            }
            now.addAndGet(SECOND / 2);
        }

        assertThat(allowed).isEqualTo(100);
        assertThat(last.allowed()).isFalse();
        assertThat(last.retryAfterMillis()).isPositive();
        assertThat(tokensInRedis()).isZero();
    }

    @Test
    void aSmallBucketIsAskedForEveryRequest() {
        var leases = leases(100);
        var credentials = new Limit(10, ALMOST_NONE);
        busySecond(leases, credentials, 8);
        for (int i = 1; i <= 2; i++) {
            take(leases, credentials);
            assertThat(tokensInRedis()).isEqualTo(2 - i);
        }
        var refused = take(leases, credentials);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
    }

    /** {@code requests} requests within a second; the clock then at the next second. */
    private void busySecond(BucketLeases leases, Limit limit, int requests) {
        for (int i = 0; i < requests; i++) {
            take(leases, limit);
        }
        now.addAndGet(SECOND);
    }

    private BucketLeases leases(int maxTokens) {
        return leases(Duration.ofMillis(100), maxTokens);
    }

    private BucketLeases leases(Duration ahead, int maxTokens) {
        return new BucketLeases(new TokenBuckets(redis), new Leasing(ahead, maxTokens), now::get);
    }

    private Decision take(BucketLeases leases, Limit limit) {
        return leases.take(key, limit, Schedulers::immediate).block(Duration.ofSeconds(10));
    }

    private long tokensInRedis() {
        var tokens = redis.<String, String>opsForHash().get(key, "tokens").block(Duration.ofSeconds(10));
        return (long) Math.floor(Double.parseDouble(tokens));
    }
}
