package dev.tenantcore.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.engines.RedisEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

/** Redis is no start-up dependency: the subscription is made once Redis answers, however late. */
class InvalidationSubscriptionTest {

    @Test
    void startsWithoutRedisAndSubscribesOnceRedisAnswers() throws Exception {
        int port;
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        var connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", port),
                LettuceClientConfiguration.builder()
                        .commandTimeout(Duration.ofSeconds(1))
                        .build());
        connections.afterPropertiesSet();
        connections.start();
        var meters = new SimpleMeterRegistry();
        var caches = new Caches(
                new StringRedisTemplate(connections), JsonMapper.builder().build(), meters);
        var container = caches.listenOn(connections);
        container.afterPropertiesSet();
        var backOff = new ExponentialBackOff(100, 2);
        backOff.setMaxInterval(500);
        var subscription = new InvalidationSubscription(container, backOff, meters);
        RedisEngine redis = null;
        try {
            long before = System.nanoTime();
            subscription.start();
            assertThat(Duration.ofNanos(System.nanoTime() - before))
                    .as("start-up does not wait for Redis")
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(subscription.isRunning()).isTrue();
            Thread.sleep(1_500);
            assertThat(subscription.isListening()).isFalse();
            assertThat(listeningGauge(meters)).isZero();

            redis = RedisEngine.start(port, Files.createTempDirectory("late-redis"), false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!subscription.isListening() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(subscription.isListening()).isTrue();
            assertThat(listeningGauge(meters)).isEqualTo(1);

            // Announcements now arrive: a listener beside the caches' own sees one published on the pattern.
            var delivered = new CountDownLatch(1);
            container.addMessageListener(
                    (message, pattern) -> delivered.countDown(), new ChannelTopic("x:invalidations"));
            new StringRedisTemplate(connections)
                    .convertAndSend("x:invalidations", UUID.randomUUID().toString());
            assertThat(delivered.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            subscription.stop();
            assertThat(subscription.isRunning()).isFalse();
            container.destroy();
            connections.destroy();
            if (redis != null) {
                redis.close();
            }
        }
    }

    private static double listeningGauge(SimpleMeterRegistry meters) {
        return meters.get("tenantcore.cache.invalidations.listening").gauge().value();
    }
}
