package dev.tenantcore.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** A verified token is remembered, but never past its expiry, and only the very same token matches. */
class RememberedTokensTests {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes-for-hs256";
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final AccessTokens tokens = new AccessTokens(properties(), WebClient.create(), clock);

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        String token = sign(SECRET, NOW.plus(Duration.ofMinutes(5)));
        assertThat(tokens.verify(token).block().getSubject()).isEqualTo("user-1");

        clock.now = NOW.plus(Duration.ofMinutes(5)).plus(Duration.ofSeconds(31)); // past exp and the 30 s skew

        assertThat(verifies(token)).isFalse();
    }

    @Test
    void aTokenThatDiffersFromARememberedOneIsVerifiedOnItsOwn() {
        String token = sign(SECRET, NOW.plus(Duration.ofMinutes(5)));
        assertThat(verifies(token)).isTrue();

        String forged = sign("another-secret-of-at-least-thirty-two-bytes!!", NOW.plus(Duration.ofMinutes(5)));
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");

        assertThat(verifies(forged)).isFalse();
        assertThat(verifies(tampered)).isFalse();
        assertThat(verifies(token)).isTrue();
    }

    private boolean verifies(String token) {
        return tokens.verify(token).map(claims -> true).onErrorReturn(false).block();
    }

    private static String sign(String secret, Instant expires) {
        try {
            var claims = new JWTClaimsSet.Builder()
                    .subject("user-1")
                    .issuer("supabase")
                    .audience(List.of("authenticated"))
                    .issueTime(Date.from(NOW))
                    .notBeforeTime(Date.from(NOW))
                    .expirationTime(Date.from(expires))
                    .build();
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IdentityProperties properties() {
        return IdentityPropertiesFixture.withIssuer("supabase", SECRET, false);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
