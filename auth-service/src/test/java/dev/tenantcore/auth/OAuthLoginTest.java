package dev.tenantcore.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Sign-in with a real OpenID provider ({@link OidcProvider}): a browser's round trip through auth-service's
 * authorize endpoint, the provider's login form and the callback.
 */
@AuthServiceTest
class OAuthLoginTest {

    static final String APP = "http://localhost:3000/welcome";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Browser browser;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        browser = new Browser();
        OidcProvider.allowRedirect(base() + "/api/v1/auth/callback");
        OidcProvider.allowRedirect(base() + "/auth/v1/callback");
    }

    @Test
    void signsInThroughTheProviderWithPkceAndReturnsTokensInTheFragment() {
        String email = Api.uniqueEmail("oidc-new");
        String user = OidcProvider.user(email, true);

        var authorize = browser.get(base() + "/api/v1/auth/authorize?provider=test-oidc&redirect_to=" + enc(APP));
        assertThat(authorize.statusCode()).isEqualTo(302);
        Map<String, String> request = query(location(authorize));
        assertThat(location(authorize)).startsWith(OidcProvider.issuer() + "/oauth2/authorize");
        assertThat(request).containsEntry("code_challenge_method", "S256").containsKeys("state", "nonce");
        assertThat(request.get("scope")).contains("openid", "email");

        URI landed = URI.create(location(browser.callbackAfterLogin(location(authorize), user)));
        assertThat(landed.toString()).startsWith(APP + "#");
        Map<String, String> tokens = fragment(landed);
        assertThat(tokens).containsKeys("access_token", "refresh_token", "expires_in", "expires_at");
        assertThat(tokens).containsEntry("token_type", "bearer");

        JsonNode claims = Api.claims(tokens.get("access_token"));
        assertThat(claims.path("email").asString()).isEqualToIgnoringCase(email);
        assertThat(claims.path("amr").toString()).contains("oauth");
        var me = api.get("/api/v1/auth/user", Api.bearer(tokens.get("access_token")));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.data().path("emailConfirmedAt").isMissingNode()).isFalse();
        assertThat(api.refresh(tokens.get("refresh_token")).status()).isEqualTo(200);

        // The provider's tokens are kept sealed, never in the clear.
        byte[] sealed = jdbc.sql(
                        "SELECT provider_tokens_enc FROM identities WHERE provider = 'test-oidc' AND subject = ?")
                .param(user)
                .query(byte[].class)
                .single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("access_token");
    }

    @Test
    void anAccountWithoutPasswordIsDeletedOnlyFromARecentSignIn() {
        String user = OidcProvider.user(Api.uniqueEmail("oidc-delete"), true);
        String token = fragment(signIn(user)).get("access_token");
        String sid = Api.claims(token).path("sid").asString();
        jdbc.sql("UPDATE sessions SET created_at = now() - interval '11 minutes' WHERE id = ?::uuid")
                .param(sid)
                .update();

        var stale = api.delete("/api/v1/auth/user", Api.bearer(token));
        assertThat(stale.status()).isEqualTo(403);
        assertThat(stale.body().path("error").path("details").path("reason").asString())
                .isEqualTo("reauthentication_needed");

        String fresh = fragment(signIn(user)).get("access_token");
        assertThat(api.delete("/api/v1/auth/user", Api.bearer(fresh)).status()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT count(*) FROM identities WHERE subject = ?")
                        .param(user)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(api.get("/api/v1/auth/user", Api.bearer(token)).status()).isEqualTo(401);
    }

    @Test
    void theSameIdentitySignsInToTheSameAccountAgain() {
        String user = OidcProvider.user(Api.uniqueEmail("oidc-again"), true);
        String first = subject(signIn(user));
        String second = subject(new OAuthLoginTest.Browser().signInWith(this, user));
        assertThat(second).isEqualTo(first);
        assertThat(jdbc.sql("SELECT count(*) FROM identities WHERE subject = ?")
                        .param(user)
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @Test
    void aVerifiedEmailLinksToTheExistingAccount() {
        String email = Api.uniqueEmail("oidc-link");
        String existing = api.signUpConfirmed(email);
        String user = OidcProvider.user(email.toLowerCase(java.util.Locale.ROOT), true);
        assertThat(subject(signIn(user))).isEqualTo(existing);
    }

    @Test
    void anUnverifiedEmailDoesNotLinkToTheExistingAccount() {
        String email = Api.uniqueEmail("oidc-unverified");
        api.signUpConfirmed(email);
        String user = OidcProvider.user(email, false);

        var callback = browser.callbackAfterLogin(browser.authorize(this, "test-oidc"), user);
        assertThat(callback.statusCode()).isEqualTo(403);
        assertThat(json(callback).path("error").path("code").asString()).isEqualTo("forbidden");
        assertThat(json(callback).path("error").path("details").path("reason").asString())
                .isEqualTo("email_not_verified");
        assertThat(jdbc.sql("SELECT count(*) FROM identities WHERE subject = ?")
                        .param(user)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aReplayedOrUnknownStateIsRefused() {
        String user = OidcProvider.user(Api.uniqueEmail("oidc-replay"), true);
        String callbackUrl = browser.providerRedirect(browser.authorize(this, "test-oidc"), user);
        assertThat(browser.get(callbackUrl).statusCode()).isEqualTo(302);

        var replayed = browser.get(callbackUrl);
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(json(replayed).path("error").path("code").asString()).isEqualTo("validation_failed");

        var forged = browser.get(base() + "/api/v1/auth/callback?code=abc&state=" + UUID.randomUUID());
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(json(forged).path("error").path("code").asString()).isEqualTo("validation_failed");
        assertThat(browser.get(base() + "/api/v1/auth/callback?code=abc").statusCode())
                .isEqualTo(400);
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() {
        String user = OidcProvider.user(Api.uniqueEmail("oidc-nonce"), true);
        String authorize = browser.authorize(this, "test-oidc");
        OidcProvider.tamperWithNextIdToken(claims -> claims.claim("nonce", "forged-nonce"));
        var callback = browser.callbackAfterLogin(authorize, user);
        assertThat(callback.statusCode()).isEqualTo(401);
        assertThat(json(callback).path("error").path("code").asString()).isEqualTo("unauthorized");
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() {
        String user = OidcProvider.user(Api.uniqueEmail("oidc-aud"), true);
        String authorize = browser.authorize(this, "test-oidc");
        OidcProvider.tamperWithNextIdToken(claims -> claims.audience(java.util.List.of("another-client")));
        var callback = browser.callbackAfterLogin(authorize, user);
        assertThat(callback.statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT count(*) FROM identities WHERE subject = ?")
                        .param(user)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void redirectsOnlyToAllowedUrls() {
        for (String target : new String[] {
            "https://evil.example/", "http://localhost:3000.evil.test/", "https://app.example.test/other", "/relative"
        }) {
            var refused = browser.get(base() + "/api/v1/auth/authorize?provider=test-oidc&redirect_to=" + enc(target));
            assertThat(refused.statusCode()).as(target).isEqualTo(400);
            assertThat(json(refused).path("error").path("code").asString()).isEqualTo("validation_failed");
        }
        var allowed = browser.get(base() + "/api/v1/auth/authorize?provider=test-oidc&redirect_to="
                + enc("https://app.example.test/auth/done"));
        assertThat(allowed.statusCode()).isEqualTo(302);
        var unknown = browser.get(base() + "/api/v1/auth/authorize?provider=nope");
        assertThat(unknown.statusCode()).isEqualTo(400);
    }

    @Test
    void anUnreachableProviderAnswers503() {
        var discovery = browser.get(base() + "/api/v1/auth/authorize?provider=offline-discovery");
        assertThat(discovery.statusCode()).isEqualTo(503);
        assertThat(json(discovery).path("error").path("code").asString()).isEqualTo("unavailable");

        var authorize = browser.get(base() + "/api/v1/auth/authorize?provider=offline");
        assertThat(authorize.statusCode()).isEqualTo(302);
        String state = query(location(authorize)).get("state");
        var callback = browser.get(base() + "/api/v1/auth/callback?code=some-code&state=" + enc(state));
        assertThat(callback.statusCode()).isEqualTo(503);
        assertThat(json(callback).path("error").path("code").asString()).isEqualTo("unavailable");
    }

    @Test
    void goTrueSurfaceSignsInTheSameWayAndAnswersInItsShape() {
        String user = OidcProvider.user(Api.uniqueEmail("oidc-gotrue"), true);
        var authorize = browser.get(base() + "/auth/v1/authorize?provider=test-oidc&redirect_to=" + enc(APP));
        assertThat(authorize.statusCode()).isEqualTo(302);
        assertThat(query(location(authorize)).get("redirect_uri")).isEqualTo(base() + "/auth/v1/callback");
        var landed = browser.callbackAfterLogin(location(authorize), user);
        assertThat(landed.statusCode()).isEqualTo(302);
        assertThat(fragment(URI.create(location(landed)))).containsKeys("access_token", "refresh_token");

        assertThat(api.get("/auth/v1/settings")
                        .body()
                        .path("external")
                        .path("test-oidc")
                        .asBoolean())
                .isTrue();
        var unknown = browser.get(base() + "/auth/v1/authorize?provider=nope");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("error_code").asString()).isEqualTo("provider_disabled");
        var badState = browser.get(base() + "/auth/v1/callback?code=x&state=y");
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(json(badState).path("error_code").asString()).isEqualTo("bad_oauth_state");
    }

    @Test
    void signsInWithGitHubsUserApiByItsPrimaryVerifiedEmail() {
        String email = Api.uniqueEmail("github");
        String user = OidcProvider.user(email, true);
        String authorize = browser.authorize(this, "github-like");
        Map<String, String> request = query(authorize);
        assertThat(request).containsEntry("code_challenge_method", "S256").doesNotContainKey("nonce");
        var landed = browser.callbackAfterLogin(authorize, user);
        assertThat(landed.statusCode()).withFailMessage(landed::body).isEqualTo(302);
        String access = fragment(URI.create(location(landed))).get("access_token");
        assertThat(Api.claims(access).path("email").asString()).isEqualToIgnoringCase(email);

        String unverified = OidcProvider.user(Api.uniqueEmail("github-unverified"), false);
        var refused = new Browser().callbackAfterLogin(new Browser().authorize(this, "github-like"), unverified);
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void goTruePkceFlowHandsTheAppACodeThatOnlyItsVerifierRedeemsOnce() throws Exception {
        String user = OidcProvider.user(Api.uniqueEmail("oidc-pkce"), true);
        String verifier = "app-verifier-" + UUID.randomUUID() + UUID.randomUUID();
        String challenge = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(verifier.getBytes(StandardCharsets.UTF_8)));
        var authorize = browser.get(base() + "/auth/v1/authorize?provider=test-oidc&redirect_to=" + enc(APP + "?x=1")
                + "&code_challenge=" + challenge + "&code_challenge_method=s256");
        assertThat(authorize.statusCode()).isEqualTo(302);
        URI landed = URI.create(location(browser.callbackAfterLogin(location(authorize), user)));
        assertThat(landed.getRawFragment()).isNull();
        Map<String, String> query = pairs(landed.getRawQuery());
        assertThat(query).containsEntry("x", "1").containsKey("code");
        String code = query.get("code");

        var wrong = api.post(
                "/auth/v1/token?grant_type=pkce", Map.of("auth_code", code, "code_verifier", verifier + "-wrong"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().path("error_code").asString()).isEqualTo("bad_code_verifier");

        // The code was spent by the wrong attempt too: a code is single-use.
        var again = api.post("/auth/v1/token?grant_type=pkce", Map.of("auth_code", code, "code_verifier", verifier));
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body().path("error_code").asString()).isEqualTo("flow_state_not_found");

        var second = browser.get(base() + "/auth/v1/authorize?provider=test-oidc&redirect_to=" + enc(APP)
                + "&code_challenge=" + challenge + "&code_challenge_method=s256");
        URI back = URI.create(location(browser.callbackAfterLogin(location(second), user)));
        var session = api.post(
                "/auth/v1/token?grant_type=pkce",
                Map.of("auth_code", pairs(back.getRawQuery()).get("code"), "code_verifier", verifier));
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.body().path("access_token").asString()).isNotBlank();
        assertThat(session.body().path("refresh_token").asString()).isNotBlank();
        assertThat(session.body().path("user").path("id").asString())
                .isEqualTo(Api.claims(session.body().path("access_token").asString())
                        .path("sub")
                        .asString());
    }

    @Test
    void anIdTokenWithoutEmailIsCompletedFromUserInfo() {
        String email = Api.uniqueEmail("oidc-userinfo");
        String user = OidcProvider.userWithEmailOnlyInUserInfo(email);
        JsonNode claims = Api.claims(fragment(signIn(user)).get("access_token"));
        assertThat(claims.path("email").asString()).isEqualToIgnoringCase(email);
        assertThat(jdbc.sql("SELECT email_verified FROM identities WHERE subject = ?")
                        .param(user)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void envelopeAuthorizeTakesTheAppsS256ChallengeAndTheCodeIsTradedAtTheTokenEndpoint() throws Exception {
        String user = OidcProvider.user(Api.uniqueEmail("oidc-envelope-pkce"), true);
        String verifier = "app-verifier-" + UUID.randomUUID() + UUID.randomUUID();
        String challenge = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(verifier.getBytes(StandardCharsets.UTF_8)));
        String start = base() + "/api/v1/auth/authorize?provider=test-oidc&redirect_to=" + enc(APP) + "&code_challenge="
                + challenge;

        var plain = browser.get(start + "&code_challenge_method=plain");
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(json(plain).path("error").path("code").asString()).isEqualTo("validation_failed");

        var authorize = browser.get(start + "&code_challenge_method=S256");
        assertThat(authorize.statusCode()).isEqualTo(302);
        URI landed = URI.create(location(browser.callbackAfterLogin(location(authorize), user)));
        assertThat(landed.getRawFragment()).isNull();
        String code = pairs(landed.getRawQuery()).get("code");

        var wrong = api.post(
                "/api/v1/auth/token?grant_type=pkce", Map.of("authCode", code, "codeVerifier", verifier + "-wrong"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().path("error").path("details").path("reason").asString())
                .isEqualTo("bad_code_verifier");

        var again = browser.get(start + "&code_challenge_method=S256");
        URI back = URI.create(location(browser.callbackAfterLogin(location(again), user)));
        var session = api.post(
                "/api/v1/auth/token?grant_type=pkce",
                Map.of("authCode", pairs(back.getRawQuery()).get("code"), "codeVerifier", verifier));
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.data().path("accessToken").asString()).isNotBlank();
        assertThat(session.data().path("refreshToken").asString()).isNotBlank();
        assertThat(Api.claims(session.data().path("accessToken").asString())
                        .path("amr")
                        .toString())
                .contains("oauth");
    }

    // --- helpers

    String base() {
        return "http://127.0.0.1:" + port;
    }

    URI signIn(String user) {
        return browser.signInWith(this, user);
    }

    static String subject(URI landed) {
        return Api.claims(fragment(landed).get("access_token")).path("sub").asString();
    }

    static String location(HttpResponse<String> response) {
        return response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("no redirect: " + response.statusCode() + " " + response.body()));
    }

    static JsonNode json(HttpResponse<String> response) {
        return Api.JSON.readTree(response.body());
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static Map<String, String> query(String url) {
        return pairs(URI.create(url).getRawQuery());
    }

    static Map<String, String> fragment(URI url) {
        return pairs(url.getRawFragment());
    }

    static Map<String, String> pairs(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A browser: keeps the provider's session cookie, follows no redirect by itself. */
    static final class Browser {
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpResponse<String> get(String url) {
            return send(HttpRequest.newBuilder(URI.create(url)).GET());
        }

        /** Starts a sign-in at auth-service: the provider's authorization URL. */
        String authorize(OAuthLoginTest test, String provider) {
            var response =
                    get(test.base() + "/api/v1/auth/authorize?provider=" + provider + "&redirect_to=" + enc(APP));
            assertThat(response.statusCode()).isEqualTo(302);
            return location(response);
        }

        URI signInWith(OAuthLoginTest test, String user) {
            var landed = callbackAfterLogin(authorize(test, "test-oidc"), user);
            assertThat(landed.statusCode()).withFailMessage(landed::body).isEqualTo(302);
            return URI.create(location(landed));
        }

        /** At the provider: asked to log in, logs in, and is sent to the callback URL (not yet followed). */
        String providerRedirect(String authorizationUrl, String user) {
            var toLogin = get(authorizationUrl);
            assertThat(toLogin.statusCode()).isEqualTo(302);
            String loginUrl =
                    URI.create(authorizationUrl).resolve(location(toLogin)).toString();
            if (!loginUrl.startsWith(OidcProvider.issuer() + "/login")) {
                return loginUrl; // still logged in at the provider: straight back to the callback
            }
            var login = send(HttpRequest.newBuilder(URI.create(loginUrl))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "username=" + enc(user) + "&password=" + enc(OidcProvider.PASSWORD))));
            assertThat(login.statusCode()).isEqualTo(302);
            String resumed = URI.create(loginUrl).resolve(location(login)).toString();
            var granted = get(resumed);
            assertThat(granted.statusCode()).withFailMessage(granted::body).isEqualTo(302);
            return location(granted);
        }

        /** Logs in at the provider and follows its redirect to the callback: auth-service's answer. */
        HttpResponse<String> callbackAfterLogin(String authorizationUrl, String user) {
            return get(providerRedirect(authorizationUrl, user));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
