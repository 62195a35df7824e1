package dev.tenantcore.auth.sessions;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tenantcore.auth.keys.SigningKeys;
import dev.tenantcore.contracts.security.ClaimNames;
import dev.tenantcore.support.security.RememberedJwtDecoder;
import dev.tenantcore.support.security.ResourceServerSecurity;
import dev.tenantcore.support.security.SecurityProperties;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * This service verifies access tokens against its own signing keys in-process (the keys it publishes as the
 * JWKS), with the shared claim checks, and refuses tokens of revoked sessions as the gateway does.
 */
@Configuration(proxyBeanMethods = false)
class TokenVerification {

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, SecurityProperties properties, Revocations revocations) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                java.util.Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256), keys.source()));
        // Claims are checked by Spring's validators below, as in every other service.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        var decoder = new NimbusJwtDecoder(processor);
        OAuth2TokenValidator<Jwt> validator =
                new DelegatingOAuth2TokenValidator<>(ResourceServerSecurity.validator(properties), jwt -> {
                    String sid = jwt.getClaimAsString(ClaimNames.SESSION_ID);
                    return sid != null && revocations.isSessionRevoked(sid)
                            ? OAuth2TokenValidatorResult.failure(
                                    new OAuth2Error("invalid_token", "The session has ended", null))
                            : OAuth2TokenValidatorResult.success();
                });
        decoder.setJwtValidator(validator);
        // The signature is checked once per token and minute (ES256 verification is about 1 ms); the claims and
        // the session's revocation are checked on every request.
        return new RememberedJwtDecoder(decoder, validator, Duration.ofSeconds(60));
    }
}
