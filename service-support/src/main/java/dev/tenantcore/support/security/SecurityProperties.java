package dev.tenantcore.support.security;

import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service verifies access tokens. Every service verifies them again behind the gateway.
 *
 * @param jwksUri where auth-service publishes its signing keys
 * @param issuer the expected {@code iss} claim
 * @param audience the expected {@code aud} claim
 * @param publicPaths request paths (Ant patterns) served without a token, e.g. sign-up
 * @param internalToken the shared service credential that {@code /internal/**} requires in the
 *     {@code X-Internal-Token} header, and that proves a gateway-asserted API key; set a long random value in
 *     every deployment
 * @param apiKeyPaths request paths (Ant patterns) where API-key callers ({@link ApiKeyCaller}) are accepted
 *     besides users, e.g. {@code /api/v1/orgs/*}{@code /projects/**}; elsewhere a key is refused with 403.
 *     Empty by default: a service opts in only where it authorizes keys with {@link ApiKeyCaller#permits}
 */
@Validated
@ConfigurationProperties("tenantcore.security")
public record SecurityProperties(
        @DefaultValue("http://127.0.0.1:8081/api/v1/auth/.well-known/jwks.json") @NotBlank
        String jwksUri,

        @DefaultValue("tenantcore") @NotBlank String issuer,
        @DefaultValue("authenticated") @NotBlank String audience,
        @DefaultValue List<String> publicPaths,
        @DefaultValue("local-internal-token") @NotBlank String internalToken,
        @DefaultValue List<String> apiKeyPaths) {}
