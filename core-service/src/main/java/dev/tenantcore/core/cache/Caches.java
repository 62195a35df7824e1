package dev.tenantcore.core.cache;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates the {@link TwoLevelCache}s of this instance and passes them the invalidations announced on Redis, so
 * that every instance forgets an org's epoch as soon as any instance changed the org.
 */
@Component
public class Caches implements MessageListener {

    /** How long an org's epoch is trusted in process without an announcement. */
    static final Duration EPOCH_TTL = Duration.ofMillis(500);

    private static final String CHANNELS = "*:invalidations";

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Duration epochTtl;
    private final Map<String, List<TwoLevelCache>> byChannel = new ConcurrentHashMap<>();

    @Autowired
    Caches(StringRedisTemplate redis, JsonMapper json, MeterRegistry meters) {
        this(redis, json, meters, EPOCH_TTL);
    }

    /** Caches trusting an epoch for {@code epochTtl} (tests use a long one to observe announcements alone). */
    public Caches(StringRedisTemplate redis, JsonMapper json, MeterRegistry meters, Duration epochTtl) {
        this.redis = redis;
        this.json = json;
        this.meters = meters;
        this.epochTtl = epochTtl;
    }

    /**
     * A cache of per-org values.
     *
     * @param name the {@code cache} tag of its metrics
     * @param prefix of its Redis keys and channel, one per cache
     * @param ttl how long an entry lives in Redis
     */
    public TwoLevelCache create(String name, String prefix, Duration ttl) {
        var cache = new TwoLevelCache(name, prefix, ttl, epochTtl, redis, json, meters);
        byChannel
                .computeIfAbsent(cache.channel(), c -> new CopyOnWriteArrayList<>())
                .add(cache);
        return cache;
    }

    /** A container (started by an {@link InvalidationSubscription}) delivering the announcements to these caches. */
    public RedisMessageListenerContainer listenOn(RedisConnectionFactory connections) {
        var container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener(this, new PatternTopic(CHANNELS));
        return container;
    }

    @Override
    public void onMessage(Message message, byte @Nullable [] pattern) {
        var caches = byChannel.get(new String(message.getChannel(), StandardCharsets.UTF_8));
        if (caches == null) {
            return;
        }
        try {
            UUID orgId = UUID.fromString(new String(message.getBody(), StandardCharsets.UTF_8));
            caches.forEach(cache -> cache.forget(orgId));
        } catch (IllegalArgumentException ignored) {
            // not an org id: nothing to forget
        }
    }

    /** Listens for invalidations only where requests are served (not in the migrate-and-exit profile). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication
    static class Invalidations {

        @Bean
        RedisMessageListenerContainer cacheInvalidations(RedisConnectionFactory connections, Caches caches) {
            return caches.listenOn(connections);
        }

        /** Subscribes in the background, retrying every 0.5 s growing to 30 s, so Redis is no start-up dependency. */
        @Bean
        InvalidationSubscription cacheInvalidationSubscription(
                RedisMessageListenerContainer cacheInvalidations, MeterRegistry meters) {
            var backOff = new ExponentialBackOff(500, 2);
            backOff.setMaxInterval(30_000);
            return new InvalidationSubscription(cacheInvalidations, backOff, meters);
        }
    }
}
