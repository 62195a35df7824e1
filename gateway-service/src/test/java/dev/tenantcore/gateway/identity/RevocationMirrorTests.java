package dev.tenantcore.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantcore.contracts.security.RevocationKeys;
import dev.tenantcore.engines.test.SharedEngines;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;

/** The in-memory revocation list against the shared Redis: what it loads, hears, and when it stops answering. */
class RevocationMirrorTests {

    private static ClientResources resources;
    private static RedisClient admin;
    private static StatefulRedisConnection<String, String> redis;

    private RevocationMirror mirror;

    @BeforeAll
    static void connect() {
        var endpoint = SharedEngines.redis();
        resources = DefaultClientResources.create();
        admin = RedisClient.create(resources, RedisURI.create(endpoint.host(), endpoint.port()));
        redis = admin.connect();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
        admin.shutdown();
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopMirror() {
        if (mirror != null) {
            mirror.stop();
        }
    }

    @Test
    void loadsTheEntriesWrittenBeforeItStartedAndHearsEachAnnouncedLater() {
        var before = RevocationKeys.session(UUID.randomUUID().toString());
        redis.sync().psetex(before, 60_000, "1");

        mirror = started(true);
        awaitTrusted();
        assertThat(mirror.contains(before)).isTrue();

        var later = RevocationKeys.apiKey(UUID.randomUUID().toString());
        announce(later);
        await().atMost(Duration.ofSeconds(1)).until(() -> mirror.contains(later));
        assertThat(mirror.contains(RevocationKeys.session(UUID.randomUUID().toString())))
                .isFalse();
        assertThat(mirror.trusted()).isTrue();
    }

    @Test
    void stopsAnsweringWhenItsSubscriptionIsDroppedAndReloadsWhatItMayHaveMissed() {
        mirror = started(true);
        awaitTrusted();
        // Not announced: as if its announcement had been lost while the subscription was down.
        var missed = RevocationKeys.session(UUID.randomUUID().toString());
        redis.sync().psetex(missed, 60_000, "1");
        assertThat(mirror.contains(missed)).isFalse();

        redis.sync().clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());

        await().atMost(Duration.ofSeconds(2)).until(() -> !mirror.trusted());
        await().atMost(Duration.ofSeconds(10)).until(() -> mirror.trusted() && mirror.contains(missed));
    }

    @Test
    void stopsAnsweringWhileItsHeartbeatDoesNotComeBack() {
        mirror = started(true);
        awaitTrusted();

        // Redis answers no client for 3 s: heartbeats go unanswered for more than four intervals (2 s).
        redis.sync().clientPause(3_000);

        await().atMost(Duration.ofSeconds(3)).until(() -> !mirror.trusted());
        await().atMost(Duration.ofSeconds(10)).until(mirror::trusted);
    }

    @Test
    void answersNothingWhenSwitchedOff() throws InterruptedException {
        mirror = started(false);
        Thread.sleep(1_500);
        assertThat(mirror.trusted()).isFalse();
    }

    @Test
    void forgetsAnEntryOnceItExpires() {
        var shortLived = RevocationKeys.session(UUID.randomUUID().toString());
        redis.sync().psetex(shortLived, 1_000, "1");
        mirror = started(true);
        awaitTrusted();
        assertThat(mirror.contains(shortLived)).isTrue();
        await().atMost(Duration.ofSeconds(3)).until(() -> !mirror.contains(shortLived));
    }

    private void announce(String key) {
        long expiresAt = System.currentTimeMillis() + 60_000;
        redis.sync()
                .eval(
                        RevocationKeys.WRITE_AND_ANNOUNCE_SCRIPT,
                        ScriptOutputType.INTEGER,
                        new String[] {key},
                        "60000",
                        RevocationKeys.CHANNEL,
                        RevocationKeys.announcement(key, expiresAt));
    }

    private void awaitTrusted() {
        await().atMost(Duration.ofSeconds(10)).until(mirror::trusted);
    }

    private static RevocationMirror started(boolean enabled) {
        var endpoint = SharedEngines.redis();
        DataRedisConnectionDetails details = new DataRedisConnectionDetails() {
            @Override
            public Standalone getStandalone() {
                return Standalone.of(endpoint.host(), endpoint.port());
            }
        };
        var beans = new StaticListableBeanFactory(Map.of("redis", details));
        var mirror = new RevocationMirror(
                IdentityPropertiesFixture.withIssuer("tenantcore", "x".repeat(32), enabled),
                beans.getBeanProvider(DataRedisConnectionDetails.class),
                new DataRedisProperties(),
                resources,
                new SimpleMeterRegistry());
        mirror.start();
        return mirror;
    }
}
