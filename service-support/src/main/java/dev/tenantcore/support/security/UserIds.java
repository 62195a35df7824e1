package dev.tenantcore.support.security;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.support.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The user id of a verified token's subject, the same in every service: auth-service's subjects are UUIDs;
 * a subject of an external trusted issuer maps to a stable name-based UUID of issuer and subject.
 */
public final class UserIds {

    private UserIds() {}

    public static UUID of(String issuer, @Nullable String subject) {
        if (subject == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "Authentication is required");
        }
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException notAUuid) {
            return UUID.nameUUIDFromBytes((issuer + "|" + subject).getBytes(StandardCharsets.UTF_8));
        }
    }
}
