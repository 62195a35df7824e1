package dev.tenantcore.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tenantcore.gateway.ratelimit.RateLimitProperties.Leasing;
import dev.tenantcore.gateway.ratelimit.RateLimitProperties.Limit;
import dev.tenantcore.gateway.ratelimit.TokenBuckets.Grant;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Spends the tokens of the callers' buckets in Redis, taken ahead of need for a busy caller.
 *
 * <p>Asking the bucket for every request costs each request a Redis round trip and two thread hand-offs
 * (Lettuce's event loop and back), a sixth of the gateway's throughput under load. So a caller that sent many
 * requests in the last second gets, in one script call, the tokens it is expected to spend in the next
 * {@code lease.ahead} (100 ms by default; at most {@code lease.max-tokens} and a tenth of the bucket), and this
 * instance spends them without asking again (its requests that arrive while that batch is on its way ask for one
 * token each, not a batch each). The bucket in Redis stays the only source of tokens: all instances
 * together never allow more than the limit. What changes: an instance may hold a few tokens another instance
 * would have spent (a caller at its limit can be refused by one while the other still holds some), and tokens
 * not spent within {@link #HOLD} are dropped, a small loss only for a caller that has just stopped. A caller
 * sending fewer than two requests per {@code lease.ahead} (20 per second by default), and every bucket of fewer
 * than 20 tokens (the credential endpoints'), takes one token per request in Redis, exactly.
 */
@Component
class BucketLeases {

    /** How long taken tokens may be spent before they are dropped. */
    static final Duration HOLD = Duration.ofSeconds(1);

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final TokenBuckets buckets;
    private final long aheadNanos;
    private final int maxTokens;
    private final LongSupplier nanoTime;
    private final Cache<String, Lease> leases = Caffeine.newBuilder()
            // A caller idle for two seconds has no recent demand to remember; its unspent tokens expired.
            .expireAfterAccess(HOLD.multipliedBy(2))
            .maximumSize(100_000)
            .build();

    @Autowired
    BucketLeases(TokenBuckets buckets, RateLimitProperties properties) {
        this(buckets, properties.lease(), System::nanoTime);
    }

    BucketLeases(TokenBuckets buckets, Leasing leasing, LongSupplier nanoTime) {
        this.buckets = buckets;
        this.aheadNanos = leasing.ahead().toNanos();
        this.maxTokens = leasing.maxTokens();
        this.nanoTime = nanoTime;
    }

    /**
     * Spends one token of the bucket {@code key} on a request: one taken earlier, or one from Redis (with more
     * for a busy caller); fails if Redis must be asked and cannot answer. Redis' answer is handed to the
     * scheduler {@code continueOn} supplies (see {@link TokenBuckets#take}); a token taken earlier is spent on
     * the calling thread.
     */
    Mono<Decision> take(String key, Limit limit, Supplier<Scheduler> continueOn) {
        long now = nanoTime.getAsLong();
        var lease = leases.get(key, unused -> new Lease(now));
        var held = lease.spend(now, limit.capacity());
        if (held != null) {
            return Mono.just(held);
        }
        return Mono.defer(() -> {
            int wanted = lease.ask(aheadNanos, batchLimit(limit));
            // Settled once: with the answer, before the request goes on, or when Redis failed or the request went.
            var settled = new AtomicBoolean();
            Runnable settle = () -> {
                if (settled.compareAndSet(false, true)) {
                    lease.answered(wanted);
                }
            };
            return buckets.take(key, limit, wanted, continueOn.get())
                    .map(grant -> {
                        settle.run();
                        return lease.granted(grant, now, limit.capacity());
                    })
                    .doFinally(signal -> settle.run());
        });
    }

    /** At most {@code max-tokens} and a tenth of the bucket at once. */
    private int batchLimit(Limit limit) {
        return Math.max(1, Math.min(maxTokens, limit.capacity() / 10));
    }

    /** One caller's tokens taken and not spent yet, and its recent demand. */
    private static final class Lease {

        private long tokens;
        private long heldUntil;
        private long bucketRemaining;
        private long resetMillis;
        private long secondStart;
        private int thisSecond;
        private int lastSecond;
        private long asking;

        Lease(long now) {
            this.secondStart = now;
            this.heldUntil = now;
        }

        /** Counts the request; spends a held token on it if there is one. */
        synchronized @Nullable Decision spend(long now, int capacity) {
            if (now - secondStart >= SECOND) {
                lastSecond = now - secondStart < 2 * SECOND ? thisSecond : 0;
                thisSecond = 0;
                secondStart = now;
            }
            thisSecond++;
            if (tokens > 0 && now - heldUntil < 0) {
                tokens--;
                return new Decision(true, capacity, bucketRemaining + tokens, 0, resetMillis);
            }
            tokens = 0;
            return null;
        }

        /**
         * The tokens to ask for: last second's demand over the next {@code aheadNanos}, within the limit, less
         * what the caller's other requests are already asking for (they arrive while one batch is on its way, and
         * must not each take a batch); at least one, for this request.
         */
        synchronized int ask(long aheadNanos, int batchLimit) {
            long expected = lastSecond * aheadNanos / SECOND;
            int wanted = (int) Math.max(1, Math.min(batchLimit, expected - asking));
            asking += wanted;
            return wanted;
        }

        /** Redis answered (or failed, or the request went away): those tokens are no longer on their way. */
        synchronized void answered(int wanted) {
            asking -= wanted;
        }

        /** Spends one of the tokens Redis gave on the request, holds the rest. */
        synchronized Decision granted(Grant grant, long now, int capacity) {
            if (grant.granted() < 1) {
                return new Decision(false, capacity, grant.remaining(), grant.retryAfterMillis(), grant.resetMillis());
            }
            if (now - heldUntil >= 0) {
                tokens = 0;
            }
            tokens += grant.granted() - 1;
            heldUntil = now + HOLD.toNanos();
            bucketRemaining = grant.remaining();
            resetMillis = grant.resetMillis();
            return new Decision(true, capacity, bucketRemaining + tokens, 0, resetMillis);
        }
    }
}
