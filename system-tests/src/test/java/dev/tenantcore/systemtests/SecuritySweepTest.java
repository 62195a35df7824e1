package dev.tenantcore.systemtests;

import static dev.tenantcore.systemtests.SweepSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.systemtests.SweepSupport.Actor;
import dev.tenantcore.systemtests.SweepSupport.Operation;
import dev.tenantcore.systemtests.SweepSupport.Tenant;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Attacks through the gateway on the whole system: a member of one organization using another's ids on every
 * organization-scoped operation of the OpenAPI document; forged and tampered tokens and client-sent identity
 * headers; refresh-token reuse and logout revoking a session within a second; password guessing limited with
 * 429 and {@code Retry-After}; a revoked API key refused at once.
 */
@Order(10)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuritySweepTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private static RunningSystem system;
    private static JsonNode document;
    private static Actor a;
    private static Actor b;
    private static Tenant orgA;
    private static Tenant orgB;
    private static final Map<String, String> idsOfB = new LinkedHashMap<>();

    @BeforeAll
    static void twoUsersInTwoOrganizations() throws Exception {
        system = RunningSystem.get();
        document = SweepSupport.apiDocument(system);
        a = SweepSupport.signUp(system, "attacker");
        b = SweepSupport.signUp(system, "victim");
        orgA = SweepSupport.createTenant(system, a, "attacker");
        orgB = SweepSupport.createTenant(system, b, "victim");
        idsOfB.put("orgId", orgB.orgId());
        idsOfB.put("projectId", orgB.projectId());
        idsOfB.put("teamId", orgB.teamId());
        idsOfB.put("userId", b.userId());
        idsOfB.put("memberId", b.userId());
        String base = "/api/v1/orgs/" + orgB.orgId();
        idsOfB.put(
                "invitationId",
                tryCreate(
                        b,
                        base + "/invitations",
                        Map.of("email", "invitee-" + SweepSupport.shortId() + "@example.com", "role", "member")));
        idsOfB.put(
                "roleId",
                tryCreate(
                        b,
                        base + "/roles",
                        Map.of(
                                "name",
                                "victim-role-" + SweepSupport.shortId(),
                                "permissions",
                                List.of(Map.of("action", "read", "resource", "projects")))));
        String key = tryCreateKey(b, orgB.orgId());
        idsOfB.put("keyId", key);
    }

    @Test
    @Order(1)
    void aMemberOfOneOrganizationCannotReachAnotherWithItsIds() throws Exception {
        Map<String, String> beforeB = snapshot(b, orgB);
        var findings = new ArrayList<String>();
        var answers = new LinkedHashMap<Integer, Integer>();
        int calls = 0;
        for (Operation op : SweepSupport.operations(document)) {
            if (!op.path().matches("^/api/v\\d+/orgs/\\{orgId}.*")) {
                continue;
            }
            var values = new LinkedHashMap<String, String>();
            for (var param : op.in("path")) {
                values.put(
                        param.name(),
                        idsOfB.getOrDefault(param.name(), UUID.randomUUID().toString()));
            }
            String path = SweepSupport.fill(op.path(), values) + requiredQuery(op);
            String body =
                    op.body() == null ? null : JSON.writeValueAsString(SweepSupport.sample(op.body(), document, 0));
            var response = SweepSupport.json(system, a, op.method(), path, body);
            calls++;
            answers.merge(response.statusCode(), 1, Integer::sum);
            String line = op.method() + " " + path + " -> " + response.statusCode() + " "
                    + SweepSupport.abbreviate(response.body(), 200);
            if (response.statusCode() != 403 && response.statusCode() != 404 && response.statusCode() != 400) {
                findings.add("STATUS " + line);
            }
            for (String secret : secretsOfB(path)) {
                if (response.body().contains(secret)) {
                    findings.add("LEAK of '" + secret + "' " + line);
                }
            }
            if (response.statusCode() >= 400
                    && SweepSupport.problemWithError(new SweepSupport.Exchange(
                                    op.method(),
                                    path,
                                    "cross-tenant",
                                    response.statusCode(),
                                    response.body(),
                                    response))
                            != null) {
                findings.add("ERROR-SHAPE " + line);
            }
        }
        Map<String, String> afterB = snapshot(b, orgB);
        if (!afterB.equals(beforeB)) {
            findings.add("CHANGED org B: before " + beforeB + " after " + afterB);
        }
        String report = "cross-tenant sweep: %d calls, answers %s, %d findings%n%s"
                .formatted(calls, answers, findings.size(), String.join(System.lineSeparator(), findings));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "security-sweep.txt"), report);
        System.out.println(report);
        assertThat(calls).as("organization-scoped operations").isGreaterThan(15);
        assertThat(findings).as(report).isEmpty();
    }

    @Test
    @Order(2)
    void forgedTamperedAndAlgNoneTokensAndClientIdentityHeadersAreRefused() throws Exception {
        assertThat(me(a.accessToken()).statusCode()).isEqualTo(200);
        String[] parts = a.accessToken().split("\\.");
        ObjectNode header = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        ObjectNode payload = (ObjectNode) SweepSupport.payload(a.accessToken());

        ObjectNode none = header.deepCopy().put("alg", "none");
        ObjectNode noneNoKid = JSON.createObjectNode().put("alg", "none").put("typ", "JWT");
        ObjectNode asB = payload.deepCopy().put("sub", b.userId()).put("email", b.email());
        ObjectNode hs = header.deepCopy().put("alg", "HS256");
        ObjectNode injectedKid = header.deepCopy().put("kid", "../../../../dev/null' OR '1'='1");
        ObjectNode jku = header.deepCopy().put("jku", "http://127.0.0.1:1/jwks.json");
        String jwks = SweepSupport.json(system, null, "GET", "/api/v1/auth/.well-known/jwks.json", null)
                .body();
        String signedPart = encode(hs) + "." + parts[1];

        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("alg=none (kid kept)", encode(none) + "." + parts[1] + ".");
        forged.put("alg=none (no kid)", encode(noneNoKid) + "." + parts[1] + ".");
        forged.put("alg=none with original signature", encode(none) + "." + parts[1] + "." + parts[2]);
        forged.put("tampered payload (sub of B)", parts[0] + "." + encode(asB) + "." + parts[2]);
        forged.put("tampered signature", parts[0] + "." + parts[1] + "." + flip(parts[2]));
        forged.put("HS256 keyed with the published JWKS", signedPart + "." + hmac(signedPart, jwks));
        forged.put("injected kid", encode(injectedKid) + "." + parts[1] + "." + parts[2]);
        forged.put("jku header", encode(jku) + "." + parts[1] + "." + parts[2]);
        forged.put("expired", parts[0] + "." + encode(payload.deepCopy().put("exp", 1_000_000_000L)) + "." + parts[2]);
        forged.put("two parts only", parts[0] + "." + parts[1]);
        for (var attack : forged.entrySet()) {
            var response = me(attack.getValue());
            assertThat(response.statusCode())
                    .as(attack.getKey() + ": " + response.body())
                    .isEqualTo(401);
            assertThat(code(response)).as(attack.getKey()).isEqualTo("unauthorized");
            assertThat(response.body()).as(attack.getKey()).doesNotContain(b.email());
        }

        // Identity headers a client sends are dropped: anonymous stays anonymous, and A stays A.
        Map<String, String> spoofed = new LinkedHashMap<>();
        for (String name : dev.tenantcore.contracts.security.HeaderNames.GATEWAY_ASSERTED) {
            spoofed.put(name, name.equals("X-Internal-Token") ? "local-internal-token" : b.userId());
        }
        var anonymous = SweepSupport.send(system, null, "GET", "/api/v1/me", null, null, spoofed);
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        var asA = SweepSupport.send(system, a, "GET", "/api/v1/me", null, null, spoofed);
        assertThat(asA.statusCode()).isEqualTo(200);
        assertThat(asA.body()).contains(a.email()).doesNotContain(b.email());
        var bProjects =
                SweepSupport.send(system, a, "GET", "/api/v1/orgs/" + orgB.orgId() + "/projects", null, null, spoofed);
        assertThat(bProjects.statusCode()).isIn(403, 404);
    }

    @Test
    @Order(3)
    void reusingARotatedRefreshTokenRevokesTheSessionWithinOneSecond() throws Exception {
        Actor session = SweepSupport.login(system, a);
        var rotated = refresh(session.refreshToken());
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        JsonNode data = JSON.readTree(rotated.body()).path("data");
        String successorAccess = data.path("accessToken").asString();
        String successorRefresh = data.path("refreshToken").asString();
        assertThat(me(successorAccess).statusCode()).isEqualTo(200);

        Thread.sleep(10_500); // past the concurrent-tabs grace window (10 s by default)
        var reuse = refresh(session.refreshToken());
        long reusedAt = System.nanoTime();
        assertThat(reuse.statusCode())
                .as("reuse of a rotated refresh token: " + reuse.body())
                .isBetween(400, 499);
        assertThat(reuse.statusCode()).isNotEqualTo(429);
        long refusedAfter = untilRefused(successorAccess, reusedAt);
        assertThat(refusedAfter)
                .as("ms until the session's access token fails through the gateway")
                .isLessThanOrEqualTo(1_000);
        assertThat(refresh(successorRefresh).statusCode())
                .as("the successor refresh token dies with the session")
                .isBetween(400, 499);
        assertThat(me(a.accessToken()).statusCode())
                .as("A's other session is untouched")
                .isEqualTo(200);
    }

    @Test
    @Order(4)
    void logoutMakesTheAccessTokenFailThroughTheGatewayWithinOneSecond() throws Exception {
        Actor session = SweepSupport.login(system, a);
        assertThat(me(session.accessToken()).statusCode()).isEqualTo(200);
        var logout = SweepSupport.json(system, session, "POST", "/api/v1/auth/logout", null);
        long loggedOutAt = System.nanoTime();
        assertThat(logout.statusCode()).as(logout.body()).isBetween(200, 299);
        assertThat(untilRefused(session.accessToken(), loggedOutAt)).isLessThanOrEqualTo(1_000);
        assertThat(me(a.accessToken()).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void aRevokedApiKeyIsRefusedAtOnce() throws Exception {
        var created = SweepSupport.json(
                system,
                a,
                "POST",
                "/api/v1/orgs/" + orgA.orgId() + "/api-keys",
                JSON.writeValueAsString(Map.of(
                        "name", "sweep key", "scopes", List.of(Map.of("action", "read", "resource", "projects")))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode data = JSON.readTree(created.body()).path("data");
        String secret = data.path("secret").asString();
        String keyId = data.path("key").path("id").asString();
        String projects = "/api/v1/orgs/" + orgA.orgId() + "/projects";
        assertThat(withKey(secret, projects).statusCode()).as("the key works").isEqualTo(200);
        assertThat(withKey(secret, "/api/v1/orgs/" + orgB.orgId() + "/projects").statusCode())
                .as("A's key on B's organization")
                .isIn(401, 403, 404);

        var revoked =
                SweepSupport.json(system, a, "DELETE", "/api/v1/orgs/" + orgA.orgId() + "/api-keys/" + keyId, null);
        long revokedAt = System.nanoTime();
        assertThat(revoked.statusCode()).as(revoked.body()).isBetween(200, 299);
        long refusedAfter;
        while (true) {
            var response = withKey(secret, projects);
            refusedAfter = (System.nanoTime() - revokedAt) / 1_000_000;
            if (response.statusCode() == 401) {
                break;
            }
            assertThat(refusedAfter)
                    .as("revoked key still answered " + response.statusCode())
                    .isLessThan(3_000);
            Thread.sleep(50);
        }
        assertThat(refusedAfter).as("ms until a revoked key fails").isLessThanOrEqualTo(1_000);
    }

    @Test
    @Order(6)
    void guessingPasswordsIsLimitedWith429AndRetryAfter() throws Exception {
        Actor target = SweepSupport.signUp(system, "guessed");
        HttpResponse<String> limited = null;
        for (int attempt = 1; attempt <= 12 && limited == null; attempt++) {
            var response = SweepSupport.json(
                    system,
                    null,
                    "POST",
                    "/api/v1/auth/token?grant_type=password",
                    JSON.writeValueAsString(Map.of("email", target.email(), "password", "wrong password " + attempt)));
            if (response.statusCode() == 429) {
                limited = response;
            } else {
                assertThat(response.statusCode()).as(response.body()).isIn(400, 401);
                assertThat(response.body()).doesNotContainIgnoringCase("exception");
            }
        }
        assertThat(limited)
                .as("no 429 after 12 wrong passwords from 12 addresses")
                .isNotNull();
        assertThat(code(limited)).isEqualTo("rate_limited");
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(value -> assertThat(Long.parseLong(value)).isPositive());
        var rightPassword = SweepSupport.json(
                system,
                null,
                "POST",
                "/api/v1/auth/token?grant_type=password",
                JSON.writeValueAsString(Map.of("email", target.email(), "password", target.password())));
        assertThat(rightPassword.statusCode())
                .as("the locked account stays locked for the right password too")
                .isEqualTo(429);
    }

    // ---------------------------------------------------------------------------------------------

    private static String requiredQuery(Operation op) {
        return SweepSupport.query(SweepSupport.requiredQuery(op, document));
    }

    /** Names, e-mail and ids of B that must not appear in an answer to A (ids only when A did not send them). */
    private static List<String> secretsOfB(String path) {
        var secrets = new ArrayList<String>(List.of(
                b.email(),
                "victim org",
                "victim project",
                "victim team",
                "victim secret description",
                "victim-role",
                "invitee-"));
        for (String id : idsOfB.values()) {
            if (!path.contains(id) && id.length() > 30) {
                secrets.add(id);
            }
        }
        return secrets;
    }

    private static Map<String, String> snapshot(Actor owner, Tenant tenant) throws Exception {
        var snapshot = new LinkedHashMap<String, String>();
        for (String path : List.of(
                "",
                "/projects",
                "/teams",
                "/members",
                "/invitations",
                "/roles",
                "/api-keys",
                "/projects/" + tenant.projectId(),
                "/teams/" + tenant.teamId())) {
            var response = SweepSupport.json(system, owner, "GET", "/api/v1/orgs/" + tenant.orgId() + path, null);
            snapshot.put(
                    path.isEmpty() ? "org" : path,
                    response.statusCode() + " "
                            + JSON.readTree(response.body()).path("data").toString());
        }
        return snapshot;
    }

    private static String tryCreate(Actor actor, String path, Map<String, ?> body) {
        try {
            return SweepSupport.created(system, actor, path, body);
        } catch (Exception e) {
            System.out.println("setup: " + e.getMessage());
            return UUID.randomUUID().toString();
        }
    }

    private static String tryCreateKey(Actor actor, String orgId) throws Exception {
        var response = SweepSupport.json(
                system,
                actor,
                "POST",
                "/api/v1/orgs/" + orgId + "/api-keys",
                JSON.writeValueAsString(Map.of(
                        "name", "victim key", "scopes", List.of(Map.of("action", "read", "resource", "projects")))));
        String id = JSON.readTree(response.body())
                .path("data")
                .path("key")
                .path("id")
                .asString("");
        return id.isEmpty() ? UUID.randomUUID().toString() : id;
    }

    private static HttpResponse<String> me(String token) throws Exception {
        return SweepSupport.send(
                system, null, "GET", "/api/v1/me", null, null, Map.of("Authorization", "Bearer " + token));
    }

    private static HttpResponse<String> withKey(String secret, String path) throws Exception {
        return SweepSupport.send(system, null, "GET", path, null, null, Map.of("Authorization", "Bearer " + secret));
    }

    private static HttpResponse<String> refresh(String refreshToken) throws Exception {
        return SweepSupport.json(
                system,
                null,
                "POST",
                "/api/v1/auth/token?grant_type=refresh_token",
                JSON.writeValueAsString(Map.of("refreshToken", refreshToken)));
    }

    /** Milliseconds from {@code since} until the access token is refused through the gateway (polling, 3 s at most). */
    private static long untilRefused(String accessToken, long since) throws Exception {
        while (true) {
            var response = me(accessToken);
            long elapsed = (System.nanoTime() - since) / 1_000_000;
            if (response.statusCode() == 401) {
                return elapsed;
            }
            if (elapsed > 3_000) {
                return elapsed;
            }
            Thread.sleep(50);
        }
    }

    private static String code(HttpResponse<String> response) {
        return JSON.readTree(response.body()).path("error").path("code").asString();
    }

    private static String encode(JsonNode node) {
        return B64.encodeToString(JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
    }

    private static String flip(String signature) {
        char[] chars = signature.toCharArray();
        int i = chars.length / 2;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    private static String hmac(String signingInput, String key) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }
}
