package dev.tenantcore.auth.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Behaviour of auth-service. Issuer and audience of access tokens come from {@code tenantcore.security}.
 *
 * @param tokens lifetimes of access and refresh tokens
 * @param signup sign-up and e-mail confirmation
 * @param keys signing-key rotation
 * @param encryption key-encryption keys for secrets at rest
 * @param login failed-login limits
 * @param apiKeys organization API keys
 * @param core where core-service's internal authorization API is
 * @param mfa second factors
 * @param oauth sign-in with OAuth2 / OpenID Connect providers
 */
@Validated
@ConfigurationProperties("tenantcore.auth")
public record AuthProperties(
        @Valid @DefaultValue Tokens tokens,
        @Valid @DefaultValue Signup signup,
        @Valid @DefaultValue Keys keys,
        @Valid Encryption encryption,
        @Valid @DefaultValue Login login,
        @Valid @DefaultValue ApiKeys apiKeys,
        @Valid @DefaultValue Core core,
        @Valid @DefaultValue Mfa mfa,
        @Valid @DefaultValue OAuth oauth) {

    /**
     * @param accessTokenTtl lifetime of an access token, and of a session's revocation-list entry
     * @param sessionTtl how long a session may be refreshed at most
     * @param refreshReuseGrace how long a rotated refresh token still yields its successor (concurrent tabs)
     * @param refreshPepper secret that derives a rotated token's successor, so the successor can be handed out
     *     again within the grace window although only hashes are stored; set a long random value per deployment
     */
    public record Tokens(
            @DefaultValue("15m") Duration accessTokenTtl,
            @DefaultValue("30d") Duration sessionTtl,
            @DefaultValue("10s") Duration refreshReuseGrace,
            @DefaultValue("local-refresh-pepper") @NotBlank String refreshPepper) {}

    /**
     * @param confirmationRequired whether a new account must confirm its e-mail before it can log in
     * @param confirmationTtl lifetime of a sign-up or e-mail-change confirmation token
     * @param recoveryTtl lifetime of a password recovery token
     * @param siteUrl the frontend that receives the links in e-mails
     */
    public record Signup(
            @DefaultValue("true") boolean confirmationRequired,
            @DefaultValue("24h") Duration confirmationTtl,
            @DefaultValue("1h") Duration recoveryTtl,
            @DefaultValue("http://localhost:3000") URI siteUrl) {}

    /**
     * @param rotationInterval age after which the scheduled rotation replaces the signing key
     * @param rotationCheckCron when the schedule checks the key's age
     * @param rsaKeySize RSA modulus length of new keys (with {@code algorithm} RS256)
     * @param algorithm what new keys sign with. ES256 (ECDSA on P-256) by default: signing costs a fifth of RS256's
     *     (RS256 with 2048-bit keys was 40 % of the CPU of a refresh-token grant), and it is, with RS256, what
     *     {@code @supabase/auth-js}'s {@code getClaims()} verifies in the browser (EdDSA it refuses). A changed
     *     algorithm takes effect at the next scheduled check, which rotates to a key of the new kind.
     */
    public record Keys(
            @DefaultValue("30d") Duration rotationInterval,
            @DefaultValue("0 17 * * * *") String rotationCheckCron,
            @DefaultValue("2048") @Min(2048) int rsaKeySize,
            @DefaultValue("ES256") @NotNull SigningAlgorithm algorithm) {}

    /** The algorithms access tokens can be signed with (both asymmetric, published in the JWKS). */
    public enum SigningAlgorithm {
        ES256,
        RS256
    }

    /**
     * @param activeKeyId the key-encryption key that seals new secrets
     * @param keys key-encryption keys by id, each 32 bytes in base64; old ids stay to open old secrets
     */
    public record Encryption(
            @NotBlank String activeKeyId, @NotEmpty Map<String, String> keys) {}

    /**
     * @param maxFailuresPerAccount failed logins per account within the window before it is locked
     * @param maxFailuresPerIp failed logins per client address within the window before it is locked
     * @param window how long failures are counted (and a lock lasts)
     */
    public record Login(
            @DefaultValue("5") @Min(1) int maxFailuresPerAccount,
            @DefaultValue("50") @Min(1) int maxFailuresPerIp,
            @DefaultValue("15m") Duration window) {}

    /**
     * @param rotationOverlap how long a rotated key's previous secret keeps working
     * @param secretPrefix what every secret starts with
     */
    public record ApiKeys(
            @DefaultValue("24h") Duration rotationOverlap,
            @DefaultValue("sk_live_") @NotBlank String secretPrefix) {}

    /**
     * @param baseUrl core-service's base URL for its internal API
     * @param timeout connect and read timeout of calls to core
     */
    public record Core(
            @DefaultValue("http://127.0.0.1:8082") URI baseUrl,
            @DefaultValue("2s") Duration timeout) {}

    /**
     * @param issuer the issuer authenticator apps show beside a TOTP factor
     * @param challengeTtl how long a challenge may be answered
     * @param maxFactors factors a user may have
     * @param window time steps accepted either side of the current one (clock drift)
     * @param recoveryCodes how many single-use recovery codes a user gets
     */
    public record Mfa(
            @DefaultValue("TenantCore") @NotBlank String issuer,
            @DefaultValue("5m") Duration challengeTtl,
            @DefaultValue("10") @Min(1) int maxFactors,
            @DefaultValue("1") @Min(0) int window,
            @DefaultValue("10") @Min(1) int recoveryCodes) {}

    /**
     * @param providers sign-in providers by name (the {@code provider} parameter of {@code /authorize}); a provider
     *     named {@code google} or {@code github} needs only its client id and secret
     * @param redirectAllowList where a sign-in may return to besides {@code signup.site-url} (any path of that
     *     origin): absolute URLs, whose path may be an Ant pattern ({@code https://app.example.com/auth/**}); an
     *     entry without a path allows every path of its origin
     * @param callbackUrl the callback URL registered at the providers, as the browser reaches it (through the
     *     gateway); unset, it is derived from the request to {@code /authorize}
     * @param stateTtl how long a started sign-in may be completed (state, PKCE verifier and nonce live this long)
     * @param timeout connect and read timeout of calls to providers
     */
    public record OAuth(
            @DefaultValue Map<String, @Valid Provider> providers,
            @DefaultValue List<String> redirectAllowList,
            @Nullable URI callbackUrl,
            @DefaultValue("10m") Duration stateTtl,
            @DefaultValue("5s") Duration timeout) {}

    /**
     * A sign-in provider. OpenID providers need only {@code issuer}: endpoints come from its discovery document,
     * unless set here.
     *
     * @param type {@code oidc} (ID token) or {@code github} (GitHub's user API); by default {@code github} for a
     *     provider named github, else {@code oidc}
     * @param clientId the client id registered at the provider
     * @param clientSecret the client secret registered at the provider
     * @param issuer the OpenID issuer (https://accounts.google.com for google)
     * @param authorizationUri the provider's authorization endpoint (overrides discovery)
     * @param tokenUri the provider's token endpoint (overrides discovery)
     * @param jwkSetUri the provider's JWKS that signs ID tokens (overrides discovery)
     * @param userInfoUri for {@code oidc} its UserInfo endpoint (overrides discovery); for {@code github} the API
     *     base URL (https://api.github.com)
     * @param scopes scopes to request (by default {@code openid email profile}, for github {@code read:user
     *     user:email})
     * @param clientAuthentication how the client authenticates at the token endpoint: {@code client_secret_basic}
     *     or {@code client_secret_post}
     * @param storeTokens whether the provider's access and refresh tokens are kept (sealed) for later API calls
     */
    public record Provider(
            @Nullable String type,
            @NotBlank String clientId,
            @NotBlank String clientSecret,
            @Nullable URI issuer,
            @Nullable URI authorizationUri,
            @Nullable URI tokenUri,
            @Nullable URI jwkSetUri,
            @Nullable URI userInfoUri,
            @Nullable List<String> scopes,
            @DefaultValue("client_secret_basic") String clientAuthentication,
            @DefaultValue("false") boolean storeTokens) {}
}
