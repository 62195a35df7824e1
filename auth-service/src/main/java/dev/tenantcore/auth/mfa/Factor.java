package dev.tenantcore.auth.mfa;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A second factor as its owner sees it (never the secret).
 *
 * @param type always {@code totp} for now
 * @param status {@code unverified} until a code was verified once, then {@code verified}
 */
public record Factor(
        UUID id, String type, @Nullable String friendlyName, String status, Instant createdAt, Instant updatedAt) {

    public boolean verified() {
        return "verified".equals(status);
    }
}
