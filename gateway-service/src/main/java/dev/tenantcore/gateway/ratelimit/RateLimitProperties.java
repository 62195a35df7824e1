package dev.tenantcore.gateway.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Request rate limits. A bucket holds {@code capacity} requests (the burst) and refills continuously at
 * {@code refillPerSecond}; there is one bucket per route, organization and caller.
 *
 * @param enabled whether limits apply at all
 * @param tiers the limit of each subscription tier ({@code free}, {@code pro}, {@code enterprise})
 * @param defaultTier the tier of requests whose organization has no known tier (or no organization)
 * @param orgTiers fixed tiers by organization id; any other organization's tier is core's (cached)
 * @param tierCacheTtl how long core's answer about an organization's tier is kept
 * @param tierLookupTimeout how long a request waits for core's answer before the default tier applies
 * @param anonymous the limit per client address on public paths without a credential
 * @param credentials the stricter limit per client address on the credential endpoints
 * @param credentialPaths the credential endpoints (sign-up, token, recovery, verification) as path patterns
 * @param failClosedRoutes routes that refuse requests (503) when Redis cannot answer; the others let them
 *     through, counted in the {@code gateway.rate_limit.unchecked} metric and logged at WARN
 * @param lease how many tokens a busy caller's bucket gives this instance at once (see {@code BucketLeases})
 */
@Validated
@ConfigurationProperties("tenantcore.gateway.rate-limit")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @NotEmpty Map<String, @Valid Limit> tiers,
        @DefaultValue("free") @NotBlank String defaultTier,
        @DefaultValue Map<String, String> orgTiers,
        @NotNull @Valid Limit anonymous,
        @NotNull @Valid Limit credentials,

        @DefaultValue({
            "/api/v1/auth/signup",
            "/api/v1/auth/token",
            "/api/v1/auth/recover",
            "/api/v1/auth/verify",
            "/auth/v1/signup",
            "/auth/v1/token",
            "/auth/v1/recover",
            "/auth/v1/verify"
        })
        List<String> credentialPaths,

        @DefaultValue("auth-service") List<String> failClosedRoutes,
        @DefaultValue("60s") Duration tierCacheTtl,
        @DefaultValue("500ms") Duration tierLookupTimeout,
        @DefaultValue @Valid Leasing lease) {

    /**
     * One bucket's size.
     *
     * @param capacity the largest burst, and the value of {@code RateLimit-Limit}
     * @param refillPerSecond how many requests per second come back
     */
    record Limit(@Positive int capacity, @NotNull @Positive Double refillPerSecond) {}

    /**
     * Tokens taken from a bucket ahead of need, for a busy caller.
     *
     * @param ahead the share of the caller's last second of requests taken at once (100 ms: a tenth)
     * @param maxTokens the most tokens taken at once (a tenth of the bucket at most); 1 asks Redis for every request
     */
    record Leasing(
            @DefaultValue("100ms") @NotNull Duration ahead,
            @DefaultValue("100") @Positive int maxTokens) {}
}
