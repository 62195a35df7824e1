package dev.tenantcore.gateway.ratelimit;

import dev.tenantcore.gateway.ratelimit.RateLimitProperties.Limit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** The buckets in Redis, taken from atomically by {@code scripts/token-bucket.lua}. */
@Component
class TokenBuckets {

    /**
     * The script's text, read once. A script made from the resource itself re-reads the resource's modification
     * time (a jar entry lookup) on every call to know whether its SHA changed: about 5 % of the gateway's CPU.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SCRIPT = RedisScript.of(scriptText(), List.class);

    private final ReactiveStringRedisTemplate redis;

    TokenBuckets(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Takes up to {@code wanted} tokens from the bucket, as many as it holds; fails if Redis cannot answer. The
     * answer is handed to {@code continueOn}: Lettuce completes every command on its one event-loop thread, and
     * the rest of the request (routing, proxying, the response) must not run there, one request at a time.
     */
    Mono<Grant> take(String key, Limit limit, int wanted, Scheduler continueOn) {
        return redis.execute(
                        SCRIPT,
                        List.of(key),
                        List.of(
                                Integer.toString(limit.capacity()),
                                Double.toString(limit.refillPerSecond()),
                                Integer.toString(wanted)))
                .collectList()
                .map(answer -> Grant.of(flatten(answer)))
                .publishOn(continueOn);
    }

    private static String scriptText() {
        try {
            return new ClassPathResource("scripts/token-bucket.lua").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("scripts/token-bucket.lua is missing from the gateway", e);
        }
    }

    /** The reply as numbers, whether the driver emits the list or its elements. */
    private static List<Long> flatten(List<?> answer) {
        var numbers = new ArrayList<Long>();
        for (var item : answer) {
            if (item instanceof List<?> nested) {
                nested.forEach(value -> numbers.add(((Number) value).longValue()));
            } else {
                numbers.add(((Number) item).longValue());
            }
        }
        return numbers;
    }

    /**
     * What the bucket gave.
     *
     * @param granted the tokens taken, none when the bucket had less than one
     * @param remaining whole tokens left in the bucket
     * @param retryAfterMillis when the bucket holds a token again, if it gave none
     * @param resetMillis when the bucket is full again
     */
    record Grant(long granted, long remaining, long retryAfterMillis, long resetMillis) {

        static Grant of(List<Long> reply) {
            return new Grant(reply.get(0), reply.get(1), reply.get(2), reply.get(3));
        }
    }
}
