package dev.tenantcore.core.web;

import dev.tenantcore.support.security.ApiKeyCaller;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who makes a request: a signed-in {@link User}, or a program with an organization {@link ApiKey}. Declare it
 * as a controller parameter. An endpoint that serves users only declares {@link User}; one that also serves
 * API keys (listed in {@code tenantcore.security.api-key-paths}) declares {@code Caller} and lets the
 * authorization facade decide by the key's scopes.
 */
public sealed interface Caller {

    /** Who acts, as recorded in {@code created_by}, audit entries and events: the user's or the key's id. */
    UUID actorId();

    /** The user acting, for row-level security's {@code app.current_user}; null for an API key. */
    @Nullable
    UUID userId();

    /**
     * A user, taken from the verified access token; their profile exists by the time the controller runs.
     *
     * @param userId the user's id
     * @param email the e-mail of the token
     */
    record User(UUID userId, String email) implements Caller {

        @Override
        public UUID actorId() {
            return userId;
        }
    }

    /**
     * An organization API key, as the gateway asserted it. It acts in its own org only, with exactly its
     * scopes, and is no user: it has no membership, no profile and no roles.
     *
     * @param key the key's id, org and scopes
     */
    record ApiKey(ApiKeyCaller key) implements Caller {

        @Override
        public UUID actorId() {
            return key.keyId();
        }

        @Override
        public @Nullable UUID userId() {
            return null;
        }
    }
}
