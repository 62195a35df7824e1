package dev.tenantcore.auth.sessions;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tenantcore.auth.accounts.User;
import dev.tenantcore.auth.config.AuthProperties;
import dev.tenantcore.auth.keys.SigningKeys;
import dev.tenantcore.contracts.security.ClaimNames;
import dev.tenantcore.support.security.SecurityProperties;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Mints access tokens: short-lived RS256 JWTs; no organization roles (core decides authorization). */
@Component
class AccessTokens {

    record Minted(String token, Instant expiresAt) {}

    private final SigningKeys keys;
    private final AuthProperties properties;
    private final SecurityProperties security;

    AccessTokens(SigningKeys keys, AuthProperties properties, SecurityProperties security) {
        this.keys = keys;
        this.properties = properties;
        this.security = security;
    }

    Minted mint(User user, UUID sessionId, List<String> amr, String aal) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(properties.tokens().accessTokenTtl());
        var claims = new JWTClaimsSet.Builder()
                .subject(user.id().toString())
                .issuer(security.issuer())
                .audience(List.of(security.audience()))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .claim(ClaimNames.EMAIL, user.email())
                .claim(ClaimNames.SESSION_ID, sessionId.toString())
                // GoTrue's name for the session id, read by supabase-js
                .claim("session_id", sessionId.toString())
                .claim(ClaimNames.AUTH_METHODS, amr)
                .claim(ClaimNames.ASSURANCE_LEVEL, aal)
                .claim(ClaimNames.ROLE, "authenticated")
                .claim("user_metadata", user.metadata())
                .claim("app_metadata", Map.of("provider", "email", "providers", List.of("email")))
                .build();
        return new Minted(keys.sign(claims), expires);
    }
}
