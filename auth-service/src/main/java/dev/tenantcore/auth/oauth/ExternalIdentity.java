package dev.tenantcore.auth.oauth;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Who the provider says signed in.
 *
 * @param subject the provider's stable id of the user (never the e-mail, which can change hands)
 * @param emailVerified whether the provider itself says it verified {@code email}
 * @param metadata profile data for a new account (name, avatar)
 * @param tokens the provider's access and refresh tokens, as JSON, when they are to be kept
 */
record ExternalIdentity(
        String provider,
        String subject,
        @Nullable String email,
        boolean emailVerified,
        Map<String, Object> metadata,
        @Nullable String tokens) {}
