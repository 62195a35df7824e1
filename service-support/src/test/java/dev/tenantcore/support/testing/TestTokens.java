package dev.tenantcore.support.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tenantcore.support.security.ResourceServerSecurity;
import dev.tenantcore.support.security.SecurityProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Access tokens signed with a key made for the test run, for services' tests that need an authenticated
 * caller before (or without) auth-service. Import {@link Config} to make the service trust the key.
 */
public final class TestTokens {

    private static final RSAKey KEY = generate();

    private TestTokens() {}

    /** A valid access token for the user, as auth-service would issue it. */
    public static String accessToken(UUID userId, String email) {
        return sign(claims(userId, email).build());
    }

    /** Standard claims, for tests that tamper with one of them. */
    public static JWTClaimsSet.Builder claims(UUID userId, String email) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(userId.toString())
                .issuer("tenantcore")
                .audience(List.of("authenticated"))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .claim("email", email)
                .claim("sid", UUID.randomUUID().toString())
                .claim("role", "authenticated")
                .claim("aal", "aal1")
                .claim("amr", List.of("password"));
    }

    public static String sign(JWTClaimsSet claims) {
        try {
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(KEY.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes the service verify tokens with the test key, with the same claim checks as in production. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        JwtDecoder jwtDecoder(SecurityProperties properties) throws JOSEException {
            var decoder = NimbusJwtDecoder.withPublicKey(KEY.toRSAPublicKey()).build();
            decoder.setJwtValidator(ResourceServerSecurity.validator(properties));
            return decoder;
        }
    }
}
