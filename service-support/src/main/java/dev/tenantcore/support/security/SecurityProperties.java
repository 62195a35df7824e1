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
 *     {@code X-Internal-Token} header; set a long random value in every deployment
 */
@Validated
@ConfigurationProperties("tenantcore.security")
public record SecurityProperties(
        @DefaultValue("http://127.0.0.1:8081/api/v1/auth/.well-known/jwks.json") @NotBlank
        String jwksUri,

        @DefaultValue("tenantcore") @NotBlank String issuer,
        @DefaultValue("authenticated") @NotBlank String audience,
        @DefaultValue List<String> publicPaths,
        @DefaultValue("local-internal-token") @NotBlank String internalToken) {}
