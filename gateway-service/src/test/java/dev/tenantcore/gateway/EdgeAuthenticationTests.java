package dev.tenantcore.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.tenantcore.contracts.security.HeaderNames;
import dev.tenantcore.contracts.security.RevocationKeys;
import dev.tenantcore.gateway.identity.RevocationMirror;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** Who may pass the edge: the security proofs for access tokens and API keys. */
class EdgeAuthenticationTests extends GatewayTestSupport {

    static final String SUPABASE_ISSUER = "https://project.supabase.co/auth/v1";
    static final String SUPABASE_SECRET = "super-secret-jwt-token-with-at-least-32-characters";
    private static final String PROTECTED = "/api/v1/orgs/o1/projects";

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RevocationMirror revocationMirror;

    private static final RedisScript<Long> ANNOUNCED_REVOCATION =
            RedisScript.of(RevocationKeys.WRITE_AND_ANNOUNCE_SCRIPT, Long.class);

    static Stream<Arguments> forgedTokens() throws JOSEException {
        var rs256 = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1");
        var valid = Tokens.valid();
        var parts = valid.split("\\.");
        var otherSubject = Tokens.claims().subject("someone-else").build();
        var now = Instant.now();
        return Stream.of(
                Arguments.of("alg none", unsigned(Tokens.claims().build())),
                Arguments.of(
                        "HS256 signed with the public key",
                        Tokens.sign(
                                new JWSHeader.Builder(JWSAlgorithm.HS256)
                                        .keyID("k1")
                                        .build(),
                                Tokens.claims().build(),
                                new MACSigner(Tokens.KEY.toRSAPublicKey().getEncoded()))),
                Arguments.of(
                        "unknown kid",
                        Tokens.sign(header("no-such-key"), Tokens.claims().build(), signer())),
                Arguments.of(
                        "injected kid",
                        Tokens.sign(
                                header("../../../dev/null' OR '1'='1"),
                                Tokens.claims().build(),
                                signer())),
                Arguments.of(
                        "no kid",
                        Tokens.sign(
                                new JWSHeader.Builder(JWSAlgorithm.RS256).build(),
                                Tokens.claims().build(),
                                signer())),
                Arguments.of(
                        "jku header",
                        Tokens.sign(
                                rs256.jwkURL(URI.create("https://evil.example/jwks.json"))
                                        .build(),
                                Tokens.claims().build(),
                                signer())),
                Arguments.of(
                        "jwk header with the attacker's key",
                        Tokens.sign(
                                new JWSHeader.Builder(JWSAlgorithm.RS256)
                                        .keyID("k1")
                                        .jwk(Tokens.FOREIGN_KEY.toPublicJWK())
                                        .build(),
                                Tokens.claims().build(),
                                Tokens.signer(Tokens.FOREIGN_KEY))),
                Arguments.of(
                        "x5u header",
                        Tokens.sign(
                                new JWSHeader.Builder(JWSAlgorithm.RS256)
                                        .keyID("k1")
                                        .x509CertURL(URI.create("https://evil.example/c.pem"))
                                        .build(),
                                Tokens.claims().build(),
                                signer())),
                Arguments.of(
                        "signed by another key with a known kid",
                        Tokens.sign(header("k1"), Tokens.claims().build(), Tokens.signer(Tokens.FOREIGN_KEY))),
                Arguments.of(
                        "expired",
                        Tokens.sign(Tokens.claims()
                                .expirationTime(Date.from(now.minusSeconds(120)))
                                .build())),
                Arguments.of(
                        "not yet valid",
                        Tokens.sign(Tokens.claims()
                                .notBeforeTime(Date.from(now.plusSeconds(300)))
                                .build())),
                Arguments.of(
                        "no expiry",
                        Tokens.sign(Tokens.claims().expirationTime(null).build())),
                Arguments.of(
                        "wrong issuer",
                        Tokens.sign(
                                Tokens.claims().issuer("https://evil.example").build())),
                Arguments.of(
                        "wrong audience",
                        Tokens.sign(Tokens.claims()
                                .audience(List.of("service_role"))
                                .build())),
                Arguments.of(
                        "tampered payload",
                        parts[0] + "." + otherSubject.toPayload().toBase64URL() + "." + parts[2]),
                Arguments.of("garbage", "not.a.token"),
                Arguments.of(
                        "HS256 with the other issuer's secret but this issuer's iss",
                        Tokens.sign(
                                new JWSHeader.Builder(JWSAlgorithm.HS256).build(),
                                Tokens.claims().build(),
                                new MACSigner(SUPABASE_SECRET))),
                Arguments.of(
                        "RS256 for an issuer that uses a secret",
                        Tokens.sign(Tokens.claims().issuer(SUPABASE_ISSUER).build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedTokens")
    void refusesForgedOrInvalidTokens(String why, String token) {
        client.get()
                .uri(PROTECTED)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .json("{\"error\":{\"code\":\"unauthorized\"}}");
    }

    @Test
    void refusesAProtectedPathWithoutCredential() {
        client.get()
                .uri(PROTECTED)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"error\":{\"code\":\"unauthorized\"}}");
    }

    @Test
    void forwardsAValidTokenAsItCame() {
        var token = Tokens.valid();
        client.get()
                .uri(PROTECTED)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.headers.authorization")
                .isEqualTo("Bearer " + token);
    }

    @Test
    void acceptsATokenWithinTheClockSkew() {
        var justExpired = Tokens.claims()
                .expirationTime(Date.from(Instant.now().minusSeconds(5)))
                .build();
        client.get()
                .uri(PROTECTED)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.sign(justExpired))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void acceptsATokenOfAnotherConfiguredIssuer() throws JOSEException {
        var token = Tokens.sign(
                new JWSHeader.Builder(JWSAlgorithm.HS256).build(),
                Tokens.claims().issuer(SUPABASE_ISSUER).build(),
                new MACSigner(SUPABASE_SECRET));
        client.get()
                .uri(PROTECTED)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void servesPublicPathsWithoutCredential() {
        client.post()
                .uri("/api/v1/auth/token?grant_type=password")
                .exchange()
                .expectStatus()
                .isOk();
        client.post().uri("/auth/v1/signup").exchange().expectStatus().isOk();
        client.get()
                .uri("/api/v1/auth/.well-known/jwks.json")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void refusesATokenOfARevokedSession() {
        var sid = UUID.randomUUID().toString();
        var withToken = inSession(sid);
        withToken.get().uri(PROTECTED).exchange().expectStatus().isOk();
        awaitRevocationsInMemory();

        revoke(RevocationKeys.session(sid));

        withToken.get().uri(PROTECTED).exchange().expectStatus().isUnauthorized();
        signedIn().get().uri(PROTECTED).exchange().expectStatus().isOk();
    }

    @Test
    void refusesARevokedSessionFromRedisWhileTheListIsNotHeldInMemory() {
        var sid = UUID.randomUUID().toString();
        var withToken = inSession(sid);
        revocationMirror.stop();
        try {
            // Written without an announcement: only a check in Redis can see it.
            redis.opsForValue()
                    .set(RevocationKeys.session(sid), "1", Duration.ofMinutes(1))
                    .block();
            withToken.get().uri(PROTECTED).exchange().expectStatus().isUnauthorized();
            signedIn().get().uri(PROTECTED).exchange().expectStatus().isOk();
        } finally {
            revocationMirror.start();
        }
        awaitRevocationsInMemory();
        // Loaded with the whole list when the mirror started again.
        withToken.get().uri(PROTECTED).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void downloadsTheKeysAtMostOncePerIntervalWhateverKidsArrive() {
        signedIn().get().uri(PROTECTED).exchange().expectStatus().isOk();
        int before = AUTH.jwksDownloads();

        for (int i = 0; i < 20; i++) {
            client.get()
                    .uri(PROTECTED)
                    .header(
                            HttpHeaders.AUTHORIZATION,
                            "Bearer "
                                    + Tokens.sign(
                                            header("forged-" + i),
                                            Tokens.claims().build(),
                                            signer()))
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
        }

        assertThat(AUTH.jwksDownloads() - before).isLessThanOrEqualTo(1);
    }

    @Test
    void acceptsAnApiKeyInEitherHeaderAndForwardsOnlyTheVerifiedIdentity() {
        for (var withKey : List.of(
                client.mutate()
                        .defaultHeader(HeaderNames.API_KEY, FakeService.API_KEY)
                        .build(),
                client.mutate()
                        .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + FakeService.API_KEY)
                        .build())) {
            var echo = withKey.get()
                    .uri(PROTECTED)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.data.headers.authorization")
                    .doesNotExist()
                    .jsonPath("$.data.headers['x-api-key']")
                    .doesNotExist()
                    .returnResult()
                    .getResponseBodyContent();
            var forwarded = JsonMapper.shared().readTree(echo).at("/data/headers");
            var asserted = JsonMapper.shared()
                    .readTree(forwarded.path("x-authenticated-api-key").asString());
            assertThat(asserted.path("keyId").asString()).isEqualTo(FakeService.API_KEY_ID);
            assertThat(asserted.path("orgId").asString()).isEqualTo(FakeService.API_KEY_ORG);
            assertThat(asserted.path("scopes").toString())
                    .isEqualTo("[{\"action\":\"read\",\"resource\":\"projects\"},"
                            + "{\"action\":\"create\",\"resource\":\"projects\"}]");
            assertThat(asserted.propertyNames()).containsExactly("keyId", "orgId", "scopes");
            // The service credential tells the service that the gateway, not a client, asserted the key.
            assertThat(forwarded.path("x-internal-token").asString()).isEqualTo("local-internal-token");
        }
    }

    @Test
    void cachesTheVerifiedKeyWithItsPermissions() {
        client.get()
                .uri(PROTECTED)
                .header(HeaderNames.API_KEY, FakeService.API_KEY)
                .exchange()
                .expectStatus()
                .isOk();

        var cached = redis.opsForValue()
                .get("gateway:api-key:v2:" + sha256(FakeService.API_KEY))
                .block();
        var entry = JsonMapper.shared().readTree(cached);
        assertThat(entry.path("keyId").asString()).isEqualTo(FakeService.API_KEY_ID);
        assertThat(entry.path("orgId").asString()).isEqualTo(FakeService.API_KEY_ORG);
        assertThat(entry.path("scopes").get(0).path("action").asString()).isEqualTo("read");
        assertThat(entry.path("scopes").get(0).path("resource").asString()).isEqualTo("projects");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableAuthAnswers")
    void answersUnavailableWhenAuthCannotVouchForAKey(String answer, String key, String reason) {
        var failures = meters.counter("gateway.api_key.verification.failed", "reason", reason);
        double before = failures.count();

        client.get()
                .uri(PROTECTED)
                .header(HeaderNames.API_KEY, key)
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("unavailable")
                .jsonPath("$.data")
                .doesNotExist();

        assertThat(failures.count()).isEqualTo(before + 1);
    }

    static Stream<Arguments> unusableAuthAnswers() {
        return Stream.of(
                Arguments.of("scopes in another shape", FakeService.GARBLED_API_KEY, "unreadable"),
                Arguments.of("200 without a key", FakeService.EMPTY_ANSWER_API_KEY, "unreadable"),
                Arguments.of("auth fails with 500", FakeService.FAILING_API_KEY, "status"));
    }

    @Test
    void replacesAssertedKeyAndServiceCredentialAClientSends() {
        var forged = "{\"keyId\":\"" + UUID.randomUUID() + "\",\"orgId\":\"" + UUID.randomUUID()
                + "\",\"scopes\":[{\"action\":\"delete\",\"resource\":\"projects\"}]}";
        var withKey = client.get()
                .uri(PROTECTED)
                .header(HeaderNames.API_KEY, FakeService.API_KEY)
                .header(HeaderNames.AUTHENTICATED_API_KEY, forged)
                .header(HeaderNames.INTERNAL_TOKEN, "forged")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBodyContent();
        var forwarded = JsonMapper.shared().readTree(withKey).at("/data/headers");
        assertThat(forwarded.path("x-authenticated-api-key").asString())
                .contains(FakeService.API_KEY_ORG)
                .doesNotContain("delete");
        assertThat(forwarded.path("x-internal-token").asString()).isEqualTo("local-internal-token");

        // With an access token, neither header reaches the service: it would otherwise trust the forged key.
        signedIn()
                .get()
                .uri(PROTECTED)
                .header(HeaderNames.AUTHENTICATED_API_KEY, forged)
                .header(HeaderNames.INTERNAL_TOKEN, "local-internal-token")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.headers['x-authenticated-api-key']")
                .doesNotExist()
                .jsonPath("$.data.headers['x-internal-token']")
                .doesNotExist();
    }

    @Test
    void remembersAVerifiedApiKeyBriefly() {
        var withKey = client.mutate()
                .defaultHeader(HeaderNames.API_KEY, FakeService.API_KEY)
                .build();
        withKey.get().uri(PROTECTED).exchange().expectStatus().isOk();
        int checks = AUTH.keyChecks();

        withKey.get().uri(PROTECTED).exchange().expectStatus().isOk();

        assertThat(AUTH.keyChecks()).isEqualTo(checks);
    }

    @Test
    void refusesUnknownExpiredAndRevokedApiKeys() {
        client.get()
                .uri(PROTECTED)
                .header(HeaderNames.API_KEY, "sk_unknown")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        client.get()
                .uri(PROTECTED)
                .header(HeaderNames.API_KEY, FakeService.EXPIRED_API_KEY)
                .exchange()
                .expectStatus()
                .isUnauthorized();

        var withKey = client.mutate()
                .defaultHeader(HeaderNames.API_KEY, FakeService.REVOCABLE_API_KEY)
                .build();
        withKey.get().uri(PROTECTED).exchange().expectStatus().isOk();
        revoke(RevocationKeys.apiKey(FakeService.REVOCABLE_API_KEY_ID));
        // Cached as valid a moment ago, refused now: the revocation list is consulted on every request.
        withKey.get().uri(PROTECTED).exchange().expectStatus().isUnauthorized();
        client.get()
                .uri(PROTECTED)
                .header(HeaderNames.API_KEY, FakeService.API_KEY)
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** The client with an access token of session {@code sid}. */
    private WebTestClient inSession(String sid) {
        var token = Tokens.sign(Tokens.claims().claim("sid", sid).build());
        return client.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .build();
    }

    /** As auth-service revokes: the entry and its announcement in one script. */
    private void revoke(String key) {
        var expiresAt = System.currentTimeMillis() + 60_000;
        redis.execute(
                        ANNOUNCED_REVOCATION,
                        List.of(key),
                        List.of("60000", RevocationKeys.CHANNEL, RevocationKeys.announcement(key, expiresAt)))
                .blockLast();
        // The announcement reaches the gateway's subscription after the script returns; a client's next request
        // comes later still (the revoking request's response travels back through the gateway first).
        await().atMost(Duration.ofSeconds(1)).until(() -> revocationMirror.contains(key));
    }

    private void awaitRevocationsInMemory() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.get("gateway.revocations.mirrored").gauge().value() == 1);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSHeader header(String keyId) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build();
    }

    private static com.nimbusds.jose.JWSSigner signer() {
        return Tokens.signer(Tokens.KEY);
    }

    private static String unsigned(JWTClaimsSet claims) {
        return Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + claims.toPayload().toBase64URL() + ".";
    }
}
