package dev.tenantcore.worker.access;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated user making a request, from the verified access token. Declare it as a controller
 * parameter.
 *
 * @param userId the user (a non-UUID subject of an external issuer maps to a stable name-based UUID, as in core)
 * @param email the token's e-mail claim, if any
 */
public record Caller(UUID userId, @Nullable String email) {}
