package dev.tenantcore.core.cache;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Subscribes the invalidation listener without making Redis a start-up dependency of the instance.
 *
 * <p>{@link RedisMessageListenerContainer#start()} fails when Redis does not answer within the registration time
 * (two seconds), and a failure there would stop the application. Announcements only shorten how long an instance
 * trusts an org's epoch (at most {@link Caches#EPOCH_TTL} without them), so an instance serves correctly while not
 * subscribed. This starts the container off the start-up path and again after every failed attempt, backing off,
 * until it listens; from then on the container's own recovery resubscribes after a Redis restart. The gauge
 * {@code tenantcore.cache.invalidations.listening} is 1 while subscribed.
 */
public final class InvalidationSubscription implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InvalidationSubscription.class);

    private final RedisMessageListenerContainer container;
    private final BackOff backOff;
    private volatile boolean running;
    private volatile ScheduledExecutorService attempts;

    public InvalidationSubscription(RedisMessageListenerContainer container, BackOff backOff, MeterRegistry meters) {
        this.container = container;
        this.backOff = backOff;
        container.setAutoStartup(false);
        Gauge.builder("tenantcore.cache.invalidations.listening", container, c -> c.isListening() ? 1 : 0)
                .description("1 while this instance receives cache invalidations from Redis")
                .register(meters);
    }

    /** Whether the announcements reach this instance. */
    public boolean isListening() {
        return container.isListening();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        attempts = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "cache-invalidations");
            thread.setDaemon(true);
            return thread;
        });
        var execution = backOff.start();
        attempts.execute(() -> attempt(execution, 1));
    }

    private void attempt(BackOffExecution execution, int number) {
        if (!running) {
            return;
        }
        try {
            container.start();
            if (number > 1) {
                log.info("Cache invalidations subscribed after {} attempts", number);
            }
        } catch (RuntimeException failure) {
            container.stop();
            long delay = execution.nextBackOff();
            if (delay == BackOffExecution.STOP) {
                log.error("Cache invalidations not subscribed after {} attempts; giving up", number, failure);
                return;
            }
            log.warn(
                    "Cache invalidations not subscribed (attempt {}): {}; trying again in {} ms",
                    number,
                    failure.toString(),
                    delay);
            var scheduler = attempts;
            if (running && scheduler != null && !scheduler.isShutdown()) {
                scheduler.schedule(() -> attempt(execution, number + 1), delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        var scheduler = attempts;
        if (scheduler != null) {
            scheduler.shutdownNow();
            attempts = null;
        }
        container.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
