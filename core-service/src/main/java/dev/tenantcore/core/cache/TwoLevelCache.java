package dev.tenantcore.core.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Values cached per org at two levels: in process (L1) and in Redis (L2, as JSON). Each org has an
 * epoch in Redis that {@link #invalidate} increments; entries are keyed by the epoch read before loading, so an
 * entry computed from old data is never read again. The epoch itself is kept in process for at most the epoch
 * TTL and dropped at once when any instance announces a change of the org on the cache's channel, so a change
 * takes effect on every instance within the epoch TTL even if an announcement is lost. If Redis fails, values
 * are loaded from their source.
 *
 * <p>Keys are {@code <prefix>:epoch:<org>} and {@code <prefix>:<org>:<key>:<epoch>}; the channel is
 * {@code <prefix>:invalidations}. Metrics: {@code tenantcore.cache{cache, level=l1|l2, result=hit}} and
 * {@code tenantcore.cache{cache, level=all, result=miss}}.
 */
public final class TwoLevelCache {

    private static final Logger log = LoggerFactory.getLogger(TwoLevelCache.class);
    private static final int L1_LIMIT = 50_000;

    private record Epoch(String value, long readAt) {}

    private final String prefix;
    private final Duration ttl;
    private final long epochTtlNanos;
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Map<UUID, Epoch> epochs = new ConcurrentHashMap<>();
    private final Map<String, Object> local = new ConcurrentHashMap<>();
    private final Counter l1Hits;
    private final Counter l2Hits;
    private final Counter misses;

    TwoLevelCache(
            String name,
            String prefix,
            Duration ttl,
            Duration epochTtl,
            StringRedisTemplate redis,
            JsonMapper json,
            MeterRegistry meters) {
        this.prefix = prefix;
        this.ttl = ttl;
        this.epochTtlNanos = epochTtl.toNanos();
        this.redis = redis;
        this.json = json;
        this.l1Hits = meters.counter("tenantcore.cache", "cache", name, "level", "l1", "result", "hit");
        this.l2Hits = meters.counter("tenantcore.cache", "cache", name, "level", "l2", "result", "hit");
        this.misses = meters.counter("tenantcore.cache", "cache", name, "level", "all", "result", "miss");
    }

    /**
     * The cached value of the org's key, or what the loader answers (then cached at both levels). A key holds
     * values of one type only.
     */
    public <V> V get(UUID orgId, String key, Class<V> type, Supplier<V> loader) {
        String entryKey;
        try {
            entryKey = entryKey(orgId, key, epoch(orgId));
            Object inProcess = local.get(entryKey);
            if (type.isInstance(inProcess)) {
                l1Hits.increment();
                return type.cast(inProcess);
            }
            String cached = redis.opsForValue().get(entryKey);
            if (cached != null) {
                l2Hits.increment();
                V value = json.readValue(cached, type);
                remember(entryKey, value);
                return value;
            }
        } catch (RuntimeException e) {
            log.warn("{} cache unavailable, loading from the source: {}", prefix, e.toString());
            return loader.get();
        }
        misses.increment();
        V value = loader.get();
        try {
            redis.opsForValue().set(entryKey, json.writeValueAsString(value), ttl);
            remember(entryKey, value);
        } catch (RuntimeException e) {
            log.warn("{} cache unavailable: {}", prefix, e.toString());
        }
        return value;
    }

    /**
     * Makes every instance forget the org's entries: a new epoch in Redis, announced on the channel. Call it
     * after the change has committed, so no instance can load the old state under the new epoch.
     */
    public void invalidate(UUID orgId) {
        epochs.remove(orgId);
        try {
            redis.opsForValue().increment(epochKey(orgId));
            redis.convertAndSend(channel(), orgId.toString());
        } catch (RuntimeException e) {
            // The entries' TTL bounds staleness if Redis was down at this moment.
            log.error("could not invalidate the {} cache of org {}: {}", prefix, orgId, e.toString());
        }
    }

    /** {@link #invalidate} once the current transaction commits (at once without one). */
    public void invalidateAfterCommit(UUID orgId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    invalidate(orgId);
                }
            });
        } else {
            invalidate(orgId);
        }
    }

    /** An instance announced a change of the org: forget its epoch. */
    void forget(UUID orgId) {
        epochs.remove(orgId);
    }

    String channel() {
        return prefix + ":invalidations";
    }

    private String epoch(UUID orgId) {
        Epoch known = epochs.get(orgId);
        if (known != null && System.nanoTime() - known.readAt() < epochTtlNanos) {
            return known.value();
        }
        String value = redis.opsForValue().get(epochKey(orgId));
        String epoch = value == null ? "0" : value;
        epochs.put(orgId, new Epoch(epoch, System.nanoTime()));
        return epoch;
    }

    private void remember(String key, Object value) {
        if (local.size() > L1_LIMIT) {
            local.clear();
        }
        local.put(key, value);
    }

    private String epochKey(UUID orgId) {
        return prefix + ":epoch:" + orgId;
    }

    private String entryKey(UUID orgId, String key, String epoch) {
        return prefix + ":" + orgId + ":" + key + ":" + epoch;
    }
}
