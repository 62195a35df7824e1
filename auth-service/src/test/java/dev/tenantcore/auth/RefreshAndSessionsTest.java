package dev.tenantcore.auth;

import static dev.tenantcore.auth.Api.PASSWORD;
import static dev.tenantcore.auth.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.contracts.security.RevocationKeys;
import dev.tenantcore.engines.test.SharedEngines;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

@AuthServiceTest
class RefreshAndSessionsTest {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    Api api;
    String email;

    @BeforeEach
    void user() {
        api = new Api(port);
        email = Api.uniqueEmail("sessions");
        api.signUpConfirmed(email);
    }

    @Test
    void rotatesTheRefreshTokenOnEveryUseAndStoresOnlyItsHash() throws Exception {
        var login = api.login(email, PASSWORD).data();
        String first = login.path("refreshToken").asString();
        var refreshed = api.refresh(first);
        assertThat(refreshed.status()).isEqualTo(200);
        String second = refreshed.data().path("refreshToken").asString();
        assertThat(second).isNotEqualTo(first);
        assertThat(Api.claims(refreshed.data().path("accessToken").asString())
                        .path("sid")
                        .asString())
                .isEqualTo(Api.claims(login.path("accessToken").asString())
                        .path("sid")
                        .asString());
        assertThat(api.refresh(second).status()).isEqualTo(200);

        try (var db = SharedEngines.postgres().connect("auth_app");
                var query = db.prepareStatement("SELECT count(*) FILTER (WHERE token_hash = decode(?, 'hex')),"
                        + " count(*) FILTER (WHERE encode(token_hash, 'escape') LIKE ?) FROM auth.refresh_tokens")) {
            query.setString(1, HexFormat.of().formatHex(sha256(first)));
            query.setString(2, "%" + first + "%");
            try (var rs = query.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
                assertThat(rs.getLong(2)).isZero();
            }
        }
    }

    @Test
    void concurrentRefreshesWithOneTokenBothGetTheSameSuccessor() throws Exception {
        String token = api.login(email, PASSWORD).data().path("refreshToken").asString();
        var barrier = new CyclicBarrier(2);
        var results = List.of(
                CompletableFuture.supplyAsync(() -> refreshAfter(barrier, token)),
                CompletableFuture.supplyAsync(() -> refreshAfter(barrier, token)));
        var a = results.get(0).get();
        var b = results.get(1).get();
        assertThat(a.status()).isEqualTo(200);
        assertThat(b.status()).isEqualTo(200);
        assertThat(a.data().path("refreshToken").asString())
                .isEqualTo(b.data().path("refreshToken").asString());
    }

    @Test
    void reusingARotatedTokenAfterTheGraceRevokesTheWholeSession() throws Exception {
        var login = api.login(email, PASSWORD).data();
        String old = login.path("refreshToken").asString();
        var rotated = api.refresh(old).data();
        String access = rotated.path("accessToken").asString();
        assertThat(api.get("/api/v1/auth/user", bearer(access)).status()).isEqualTo(200);

        Thread.sleep(1_200); // the test grace is 1 s
        var reuse = api.refresh(old);
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.errorCode()).isEqualTo("unauthorized");
        // The thief's and the owner's tokens of that session are dead.
        assertThat(api.refresh(rotated.path("refreshToken").asString()).status())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/auth/user", bearer(access)).status()).isEqualTo(401);
        String sid = Api.claims(access).path("sid").asString();
        assertThat(redis.hasKey(RevocationKeys.session(sid))).isTrue();
        var event = EmailJobsProbe.awaitEvent("user.refresh_reuse_detected", "sessionId", sid);
        assertThat(event.path("payload").path("userId").asString())
                .isEqualTo(Api.claims(access).path("sub").asString());
    }

    @Test
    void announcesEachRevokedSessionWhereTheGatewayHearsIt() throws Exception {
        String access = api.login(email, PASSWORD).data().path("accessToken").asString();
        String sid = Api.claims(access).path("sid").asString();
        var endpoint = SharedEngines.redis();
        var client = RedisClient.create(RedisURI.create(endpoint.host(), endpoint.port()));
        var heard = new LinkedBlockingQueue<String>();
        try (var subscription = client.connectPubSub()) {
            subscription.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    heard.add(message);
                }
            });
            subscription.sync().subscribe(RevocationKeys.CHANNEL);

            long before = System.currentTimeMillis();
            assertThat(api.post("/api/v1/auth/logout", Map.of(), bearer(access)).status())
                    .isEqualTo(204);

            String announced = null;
            for (String message; (message = heard.poll(5, TimeUnit.SECONDS)) != null; ) {
                if (message.startsWith(RevocationKeys.session(sid) + " ")) {
                    announced = message;
                    break;
                }
            }
            assertThat(announced).as("announcement of the revoked session").isNotNull();
            long expiresAt = Long.parseLong(announced.substring(announced.indexOf(' ') + 1));
            // The access-token lifetime (15 minutes) from the logout on, as the entry itself.
            assertThat(expiresAt).isBetween(before + 890_000, System.currentTimeMillis() + 900_000);
            assertThat(redis.getExpire(RevocationKeys.session(sid))).isBetween(890L, 900L);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void listsMySessionsAndRevokesOneOthersOrAll() {
        String a = api.login(email, PASSWORD).data().path("accessToken").asString();
        String b = api.login(email, PASSWORD).data().path("accessToken").asString();
        String c = api.login(email, PASSWORD).data().path("accessToken").asString();
        var list = api.get("/api/v1/auth/sessions?limit=2", bearer(a));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.data().size()).isEqualTo(2);
        assertThat(list.body().path("meta").path("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(api.get("/api/v1/auth/sessions?limit=1000", bearer(a)).errorCode())
                .isEqualTo("validation_failed");

        String sidB = Api.claims(b).path("sid").asString();
        assertThat(api.delete("/api/v1/auth/sessions/" + sidB, bearer(a)).status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/auth/user", bearer(b)).status()).isEqualTo(401);
        Long ttl = redis.getExpire(RevocationKeys.session(sidB));
        assertThat(ttl).isBetween(800L, 900L);
        assertThat(api.delete("/api/v1/auth/sessions/" + sidB, bearer(a)).status())
                .isEqualTo(404);

        assertThat(api.post("/api/v1/auth/logout?scope=others", Map.of(), bearer(a))
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/auth/user", bearer(c)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/auth/user", bearer(a)).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/auth/logout?scope=sideways", Map.of(), bearer(a))
                        .errorCode())
                .isEqualTo("validation_failed");

        assertThat(api.post("/api/v1/auth/logout", Map.of(), bearer(a)).status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/auth/user", bearer(a)).status()).isEqualTo(401);
    }

    @Test
    void globalLogoutEndsEverySessionAndTheirRefreshTokens() {
        var one = api.login(email, PASSWORD).data();
        var two = api.login(email, PASSWORD).data();
        assertThat(api.post(
                                "/api/v1/auth/logout?scope=global",
                                Map.of(),
                                bearer(one.path("accessToken").asString()))
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/auth/user", bearer(two.path("accessToken").asString()))
                        .status())
                .isEqualTo(401);
        assertThat(api.refresh(two.path("refreshToken").asString()).status()).isEqualTo(401);
    }

    @Test
    void passwordChangeKeepsThisSessionAndEndsTheOthers() {
        String mine = api.login(email, PASSWORD).data().path("accessToken").asString();
        String other = api.login(email, PASSWORD).data().path("accessToken").asString();
        var weak = api.put("/api/v1/auth/user", Map.of("password", "password1"), bearer(mine));
        assertThat(weak.errorCode()).isEqualTo("validation_failed");
        var changed = api.put("/api/v1/auth/user", Map.of("password", "a brand new passphrase"), bearer(mine));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/auth/user", bearer(mine)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/auth/user", bearer(other)).status()).isEqualTo(401);
        assertThat(api.login(email, PASSWORD).status()).isEqualTo(401);
        assertThat(api.login(email, "a brand new passphrase").status()).isEqualTo(200);
        EmailJobsProbe.awaitEvent(
                "user.password_changed", "userId", Api.claims(mine).path("sub").asString());
    }

    private Api.Response refreshAfter(CyclicBarrier barrier, String token) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return api.refresh(token);
    }

    private static byte[] sha256(String value) throws Exception {
        return java.security.MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
