package dev.tenantcore.gateway.identity;

import dev.tenantcore.contracts.security.RevocationKeys;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The revocation list held in memory, so the check on every authenticated request costs no Redis round trip.
 *
 * <p>auth-service announces every entry on {@link RevocationKeys#CHANNEL} in the same Redis script that writes
 * it. This mirror subscribes to the channel, then loads the whole list ({@code SCAN}); an entry written before the
 * load is found by it, one written after the subscription arrives as a message. The mirror is <em>trusted</em>
 * (answers the check) only while that holds: it publishes a heartbeat on the channel every
 * {@code revocation-heartbeat} and must receive it back; a disconnect of its connections or heartbeats missing for
 * four intervals make it untrusted at once, and every check goes to Redis again (as with the mirror switched off)
 * until a heartbeat has arrived through the renewed subscription and the list has been loaded again. Messages that
 * arrive while untrusted are kept, so nothing announced is forgotten.
 *
 * <p>Written with Lettuce directly rather than Spring Data's listener container, which does not tell its listener
 * that the subscription was lost (messages published meanwhile are gone for good). Standalone Redis only; with
 * Sentinel, Cluster or a TLS bundle the mirror stays off and every check asks Redis. Gauge
 * {@code gateway.revocations.mirrored} is 1 while the mirror answers.
 */
@Component
public class RevocationMirror implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RevocationMirror.class);
    private static final String HEARTBEAT = "heartbeat ";
    /** Clocks of auth-service and the gateway may differ; an entry is kept this much past its announced expiry. */
    private static final long ANNOUNCED_EXPIRY_MARGIN_MILLIS =
            Duration.ofMinutes(1).toMillis();

    private final ConcurrentHashMap<String, Long> entries = new ConcurrentHashMap<>();
    private final AtomicLong losses = new AtomicLong();
    /** Guards the decision to trust against a concurrent loss (a disconnect reported on Lettuce's thread). */
    private final Object trust = new Object();

    private final String heartbeat = HEARTBEAT + UUID.randomUUID();
    private final @Nullable RedisURI uri;
    private final ClientResources resources;
    private final Duration interval;
    private final long staleAfterNanos;

    private volatile boolean trusted;
    private volatile long untrustedSince = System.nanoTime();
    private volatile long lastHeartbeat = untrustedSince - 1;
    private volatile boolean running;

    private @Nullable ScheduledExecutorService ticker;
    private @Nullable RedisClient client;
    private @Nullable StatefulRedisPubSubConnection<String, String> subscription;
    private @Nullable StatefulRedisConnection<String, String> commands;
    private long lastPurge = System.nanoTime();

    RevocationMirror(
            IdentityProperties properties,
            ObjectProvider<DataRedisConnectionDetails> connection,
            DataRedisProperties redis,
            ClientResources resources,
            MeterRegistry meters) {
        this.uri = properties.revocationMirror() ? uriOf(connection.getIfAvailable(), redis) : null;
        this.resources = resources;
        this.interval = properties.revocationHeartbeat();
        this.staleAfterNanos = interval.multipliedBy(4).toNanos();
        Gauge.builder("gateway.revocations.mirrored", this, mirror -> mirror.trusted ? 1 : 0)
                .description("1 while revocation checks are answered from memory, 0 while each asks Redis")
                .register(meters);
        Gauge.builder("gateway.revocations.entries", entries, ConcurrentHashMap::size)
                .description("Revocation list entries held in memory")
                .register(meters);
    }

    /** Whether {@link #contains} answers for the whole list right now. */
    public boolean trusted() {
        return trusted;
    }

    /** Whether {@code key} is on the list; meaningful only while {@link #trusted}. */
    public boolean contains(String key) {
        var expiresAt = entries.get(key);
        return expiresAt != null && expiresAt > System.currentTimeMillis();
    }

    private static @Nullable RedisURI uriOf(@Nullable DataRedisConnectionDetails details, DataRedisProperties redis) {
        if (details == null
                || details.getSentinel() != null
                || details.getCluster() != null
                || details.getMasterReplica() != null
                || details.getSslBundle() != null) {
            log.info("Revocation list not held in memory (not a standalone Redis without a TLS bundle); "
                    + "every check asks Redis");
            return null;
        }
        var standalone = details.getStandalone();
        var uri = RedisURI.builder()
                .withHost(standalone.getHost())
                .withPort(standalone.getPort())
                .withDatabase(standalone.getDatabase())
                .withSsl(redis.getSsl().isEnabled())
                .withTimeout(redis.getTimeout() == null ? Duration.ofSeconds(2) : redis.getTimeout())
                .build();
        var password = details.getPassword();
        if (password != null) {
            var username = details.getUsername();
            if (username != null) {
                uri.setCredentialsProvider(
                        RedisCredentialsProvider.from(() -> RedisCredentials.just(username, password)));
            } else {
                uri.setPassword(password.toCharArray());
            }
        }
        return uri;
    }

    @Override
    public synchronized void start() {
        if (running || uri == null) {
            return;
        }
        running = true;
        var client = RedisClient.create(resources, uri);
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                lose("connection to Redis lost");
            }
        });
        this.client = client;
        var ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "revocation-mirror");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        this.ticker = ticker;
    }

    /** Keeps the subscription, publishes the heartbeat, and trusts or distrusts the mirror. */
    private void tick() {
        if (!running) {
            return;
        }
        try {
            var commands = connected();
            commands.async().publish(RevocationKeys.CHANNEL, heartbeat);
            long now = System.nanoTime();
            if (trusted && now - lastHeartbeat > staleAfterNanos) {
                lose("no heartbeat through the subscription for " + Duration.ofNanos(now - lastHeartbeat));
            }
            if (!trusted && lastHeartbeat - untrustedSince > 0) {
                load(commands);
            }
            if (now - lastPurge > TimeUnit.SECONDS.toNanos(10)) {
                lastPurge = now;
                long wall = System.currentTimeMillis();
                entries.values().removeIf(expiresAt -> expiresAt <= wall);
            }
        } catch (RuntimeException failure) {
            lose(failure.toString());
        }
    }

    private StatefulRedisConnection<String, String> connected() {
        var commands = this.commands;
        if (commands != null) {
            return commands;
        }
        var client = this.client;
        if (client == null) {
            throw new IllegalStateException("revocation mirror stopped");
        }
        var subscription = client.connectPubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                receive(message);
            }
        });
        try {
            subscription.sync().subscribe(RevocationKeys.CHANNEL);
            commands = client.connect();
        } catch (RuntimeException failure) {
            subscription.closeAsync();
            throw failure;
        }
        this.subscription = subscription;
        this.commands = commands;
        return commands;
    }

    /** On Lettuce's event loop: keep it short. */
    private void receive(String message) {
        if (message.equals(heartbeat)) {
            lastHeartbeat = System.nanoTime();
            return;
        }
        if (!message.startsWith(RevocationKeys.PREFIX)) {
            return; // another gateway's heartbeat
        }
        int space = message.lastIndexOf(' ');
        if (space < 0) {
            return;
        }
        try {
            long expiresAt = Long.parseLong(message, space + 1, message.length(), 10);
            entries.merge(message.substring(0, space), expiresAt + ANNOUNCED_EXPIRY_MARGIN_MILLIS, Math::max);
        } catch (NumberFormatException malformed) {
            log.warn("Ignored a malformed revocation announcement: {}", message);
        }
    }

    /** Loads the whole list; trusts the mirror if nothing was lost meanwhile. */
    private void load(StatefulRedisConnection<String, String> commands) {
        long lossesBefore = losses.get();
        long started = System.nanoTime();
        var sync = commands.sync();
        var async = commands.async();
        var timeout = commands.getTimeout();
        ScanCursor cursor = ScanCursor.INITIAL;
        int loaded = 0;
        do {
            KeyScanCursor<String> page = sync.scan(
                    cursor, ScanArgs.Builder.matches(RevocationKeys.PATTERN).limit(1000));
            var keys = page.getKeys();
            List<RedisFuture<Long>> ttls = new ArrayList<>(keys.size());
            keys.forEach(key -> ttls.add(async.pttl(key)));
            if (!LettuceFutures.awaitAll(timeout, ttls.toArray(RedisFuture[]::new))) {
                throw new IllegalStateException("revocation list load timed out");
            }
            long wall = System.currentTimeMillis();
            for (int i = 0; i < keys.size(); i++) {
                long ttl = ttls.get(i).resultNow();
                if (ttl == -2) {
                    continue; // expired since the scan saw it
                }
                long expiresAt = ttl < 0 ? Long.MAX_VALUE : wall + ttl;
                entries.merge(keys.get(i), expiresAt, Math::max);
                loaded++;
            }
            cursor = page;
        } while (!((KeyScanCursor<String>) cursor).isFinished());
        if (trustIfNothingLostSince(lossesBefore)) {
            log.atInfo()
                    .addKeyValue("entries", loaded)
                    .log(
                            "Revocation list held in memory ({} entries, loaded in {} ms)",
                            loaded,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    /** Trusts the mirror unless a loss came after the load began; atomic with {@link #lose}. */
    private boolean trustIfNothingLostSince(long lossesBefore) {
        synchronized (trust) {
            if (losses.get() != lossesBefore || lastHeartbeat - untrustedSince <= 0) {
                return false;
            }
            trusted = true;
            return true;
        }
    }

    /** Something may have been missed: every check asks Redis until the list is loaded again. */
    private void lose(String reason) {
        if (distrust()) {
            log.warn("Revocation list no longer held in memory, every check asks Redis: {}", reason);
        }
    }

    /** Marks a possible loss; whether the mirror was trusted until now. */
    private boolean distrust() {
        synchronized (trust) {
            losses.incrementAndGet();
            untrustedSince = System.nanoTime();
            boolean wasTrusted = trusted;
            trusted = false;
            return wasTrusted;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        distrust();
        var ticker = this.ticker;
        if (ticker != null) {
            ticker.shutdownNow();
            this.ticker = null;
        }
        var subscription = this.subscription;
        if (subscription != null) {
            subscription.close();
            this.subscription = null;
        }
        var commands = this.commands;
        if (commands != null) {
            commands.close();
            this.commands = null;
        }
        var client = this.client;
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            this.client = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
