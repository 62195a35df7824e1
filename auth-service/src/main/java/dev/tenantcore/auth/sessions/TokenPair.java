package dev.tenantcore.auth.sessions;

import dev.tenantcore.auth.accounts.User;
import java.time.Instant;
import java.util.UUID;

/** What a grant returns: a signed access token, the opaque refresh token that renews it, and the user. */
public record TokenPair(
        String accessToken, Instant expiresAt, long expiresIn, String refreshToken, UUID sessionId, User user) {}
