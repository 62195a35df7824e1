package dev.tenantcore.core.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.core.Api;
import dev.tenantcore.core.CoreServiceTest;
import dev.tenantcore.core.Fixtures;
import dev.tenantcore.core.cache.Caches;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

@CoreServiceTest
class OrganizationCacheTest {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Organizations organizations;

    @Autowired
    Fixtures fixtures;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisConnectionFactory connections;

    @Autowired
    JsonMapper json;

    @Test
    void repeatedReadsAreServedFromTheCache() {
        Api alice = Api.newUser(port);
        UUID orgId = alice.createOrg("Cached Org");
        assertThat(alice.get("/api/v1/orgs/" + orgId).status()).isEqualTo(200);
        double before = hits();

        for (int i = 0; i < 3; i++) {
            var read = alice.get("/api/v1/orgs/" + orgId);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.data().get("role").asString()).isEqualTo("owner");
        }

        assertThat(hits()).isGreaterThanOrEqualTo(before + 3);
    }

    @Test
    void anUpdateIsSeenAtOnceHereAndThroughTheAnnouncementOnAnotherInstance() throws Exception {
        Api alice = Api.newUser(port);
        UUID orgId = alice.createOrg("Two Instances");
        // Another instance's caches: same Redis, own memory, and an epoch trusted for an hour, so only the
        // invalidation message can make it read again.
        var otherCaches = new Caches(redis, json, new SimpleMeterRegistry(), Duration.ofHours(1));
        var otherCache = otherCaches.create("organizations", "org", Duration.ofMinutes(10));
        var listener = otherCaches.listenOn(connections);
        listener.afterPropertiesSet();
        listener.start();
        try {
            var loads = new java.util.concurrent.atomic.AtomicInteger();
            java.util.function.Supplier<Long> otherVersion = () -> otherCache
                    .get(orgId, Organizations.CACHE_KEY, CachedOrganization.class, () -> {
                        loads.incrementAndGet();
                        return new CachedOrganization(
                                organizations.cached(orgId).orElseThrow());
                    })
                    .organization()
                    .version();
            assertThat(otherVersion.get()).isEqualTo(1);
            assertThat(otherVersion.get()).isEqualTo(1);
            assertThat(loads).hasValue(1);

            var updated = alice.patch("/api/v1/orgs/" + orgId, Map.of("name", "Renamed", "subscriptionTier", "pro"));
            assertThat(updated.status()).isEqualTo(200);
            var read = alice.get("/api/v1/orgs/" + orgId);
            assertThat(read.data().get("name").asString()).isEqualTo("Renamed");
            assertThat(read.etag()).isEqualTo("\"v2\"");
            assertThat(organizations.limits(orgId).members()).isEqualTo(100);

            long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (otherVersion.get() != 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(otherVersion.get()).isEqualTo(2);
        } finally {
            listener.destroy();
        }
    }

    @Test
    void aMemberOfAnotherOrgNeverGetsACachedOrg() {
        Api alice = Api.newUser(port);
        UUID orgId = alice.createOrg("Private Org");
        alice.get("/api/v1/orgs/" + orgId);
        alice.get("/api/v1/orgs/" + orgId);

        Api bob = Api.newUser(port);
        UUID bobsOrg = bob.createOrg("Bob's Org");
        var foreign = bob.get("/api/v1/orgs/" + orgId);
        assertThat(foreign.status()).isIn(403, 404);
        assertThat(foreign.data()).isNull();
        assertThat(Api.apiKey(port, bobsOrg, "read", "projects")
                        .get("/api/v1/orgs/" + orgId + "/projects")
                        .status())
                .isIn(403, 404);

        Api viewer = Api.newUser(port);
        fixtures.addMember(orgId, viewer, "viewer");
        assertThat(viewer.get("/api/v1/orgs/" + orgId).data().get("role").asString())
                .isEqualTo("viewer");
    }

    private double hits() {
        var counter = meters.find("tenantcore.cache")
                .tags("cache", "organizations", "level", "l1", "result", "hit")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
