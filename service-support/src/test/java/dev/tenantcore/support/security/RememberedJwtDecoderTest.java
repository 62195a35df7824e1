package dev.tenantcore.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class RememberedJwtDecoderTest {

    private final Instant issued = Instant.parse("2026-11-28T10:00:00Z");
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));

    private final RememberedJwtDecoder decoder = new RememberedJwtDecoder(
            token -> {
                verifications.incrementAndGet();
                if (!token.startsWith("good")) {
                    throw new BadJwtException("bad signature");
                }
                return Jwt.withTokenValue(token)
                        .header("alg", "RS256")
                        .subject("user")
                        .issuedAt(issued)
                        .expiresAt(issued.plus(Duration.ofMinutes(15)))
                        .build();
            },
            timestamps,
            Duration.ofSeconds(60));

    @Test
    void aTokenIsVerifiedOnceAndThenRemembered() {
        at(issued.plusSeconds(1));
        assertThat(decoder.decode("good.token").getSubject()).isEqualTo("user");
        assertThat(decoder.decode("good.token").getSubject()).isEqualTo("user");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRememberedTokenStopsWorkingAtItsExpiry() {
        at(issued.plusSeconds(1));
        decoder.decode("good.token");
        at(issued.plus(Duration.ofMinutes(15)).plusSeconds(31)); // past exp and the 30 s skew
        assertThatThrownBy(() -> decoder.decode("good.token")).isInstanceOf(JwtValidationException.class);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void anotherTokenIsVerifiedAndARefusedOneIsNotRemembered() {
        at(issued.plusSeconds(1));
        decoder.decode("good.token");
        assertThatThrownBy(() -> decoder.decode("forged.token")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged.token")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(3);
    }

    private void at(Instant now) {
        timestamps.setClock(Clock.fixed(now, ZoneOffset.UTC));
    }
}
