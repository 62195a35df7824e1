package dev.tenantcore.gateway.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway decides who is calling.
 *
 * @param issuers the token issuers the gateway trusts, by a name of your choice; auth-service is one, an
 *     existing Supabase project may be another. A token whose {@code iss} is not among them is refused
 * @param audience the {@code aud} every access token must contain
 * @param clockSkew tolerance on {@code exp} and {@code nbf} for clocks that drift between machines
 * @param jwksRefreshInterval the shortest time between two JWKS downloads of one issuer: a token with an
 *     unknown {@code kid} triggers a download at most this often, so forged {@code kid}s cannot flood auth
 * @param jwksMaxAge after this long the keys are downloaded again on the next request, so removed keys go
 * @param authTimeout how long a JWKS download or an API-key check may take before the request fails with 503
 * @param publicPaths path patterns served without a credential (sign-up, token, recovery, the JWKS, health,
 *     the API document); a credential sent to them is passed on unverified
 * @param apiKeyVerifyPath auth-service's internal endpoint that checks an API key
 * @param internalToken the service credential sent as {@code X-Internal-Token} to auth-service's internal API
 * @param apiKeyCacheTtl how long a verified API key is remembered in Redis; revocation is still checked on
 *     every request, so this only bounds how long auth-service is not asked
 * @param revocationMirror whether the revocation list is held in memory, kept current by auth-service's
 *     announcements ({@link RevocationMirror}); off, every authenticated request asks Redis
 * @param revocationHeartbeat how often the mirror proves its subscription; four missed heartbeats and every
 *     check asks Redis again until the list is reloaded
 */
@Validated
@ConfigurationProperties("tenantcore.gateway.identity")
record IdentityProperties(
        @NotEmpty Map<String, @Valid TrustedIssuer> issuers,
        @DefaultValue("authenticated") @NotBlank String audience,
        @DefaultValue("30s") @NotNull Duration clockSkew,
        @DefaultValue("5s") @NotNull Duration jwksRefreshInterval,
        @DefaultValue("10m") @NotNull Duration jwksMaxAge,
        @DefaultValue("2s") @NotNull Duration authTimeout,

        @DefaultValue({
            "/api/v1/auth/signup",
            "/api/v1/auth/token",
            "/api/v1/auth/recover",
            "/api/v1/auth/verify",
            "/api/v1/auth/settings",
            "/api/v1/auth/.well-known/jwks.json",
            "/api/v1/auth/authorize/**",
            "/api/v1/auth/callback/**",
            "/auth/v1/signup",
            "/auth/v1/token",
            "/auth/v1/recover",
            "/auth/v1/verify",
            "/auth/v1/settings",
            "/auth/v1/.well-known/jwks.json",
            "/auth/v1/authorize/**",
            "/auth/v1/callback/**",
            "/api/v1/health",
            "/api/v1/openapi.json",
            "/docs",
            "/docs/**",
            "/webjars/**",
            // Actuator endpoints are no API: health is open, the rest is gated by the metrics scrape token
            // (dev.tenantcore.gateway.metrics), never by a user's credential.
            "/actuator/**"
        })
        List<String> publicPaths,

        @DefaultValue("/internal/api-keys/verify") @NotBlank String apiKeyVerifyPath,
        @DefaultValue("local-internal-token") @NotBlank String internalToken,
        @DefaultValue("30s") @NotNull Duration apiKeyCacheTtl,
        @DefaultValue("true") boolean revocationMirror,
        @DefaultValue("500ms") @NotNull Duration revocationHeartbeat) {

    /**
     * One issuer the gateway trusts. Either {@code jwksUri} (asymmetric algorithms only) or {@code secret}
     * (HMAC algorithms only), never both: a key type is never mixed for one issuer, so an HS256 token
     * "signed" with a public key can never verify.
     *
     * @param issuer the exact {@code iss} value of its tokens
     * @param jwksUri where its public signing keys are published
     * @param secret its HMAC secret (for example a Supabase project's JWT secret), at least 32 bytes
     * @param algorithms the signature algorithms accepted from it
     */
    record TrustedIssuer(
            @NotBlank String issuer,
            @Nullable URI jwksUri,
            @Nullable String secret,
            @DefaultValue({"RS256", "ES256"}) @NotEmpty Set<String> algorithms) {}
}
