package dev.tenantcore.contracts.events.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What happened to an identity or credential, published by auth-service on {@code auth.users} as the payload of an
 * {@code IntegrationEvent}; {@link #type()} is the event type in its metadata.
 */
public sealed interface AuthEvent {

    /** The event type, e.g. {@code user.registered}. */
    String type();

    /** A new account; {@code confirmed} when no e-mail confirmation was required. */
    record UserRegistered(UUID userId, String email, boolean confirmed) implements AuthEvent {
        public String type() {
            return "user.registered";
        }
    }

    /** The account's e-mail address was confirmed (sign-up confirmation). */
    record EmailConfirmed(UUID userId, String email) implements AuthEvent {
        public String type() {
            return "user.email_confirmed";
        }
    }

    /** A session started; {@code method} is password, refresh_token, totp or an OAuth provider. */
    record UserLoggedIn(UUID userId, UUID sessionId, String method) implements AuthEvent {
        public String type() {
            return "user.logged_in";
        }
    }

    /** A login was refused; the user id is absent when no account matched. */
    record LoginFailed(@Nullable UUID userId, String reason) implements AuthEvent {
        public String type() {
            return "user.login_failed";
        }
    }

    /** A rotated refresh token was presented again after the grace window: the session was revoked. */
    record RefreshReuseDetected(UUID userId, UUID sessionId) implements AuthEvent {
        public String type() {
            return "user.refresh_reuse_detected";
        }
    }

    /** Sessions ended by logout or revocation; {@code scope} is local, others, global or session. */
    record LoggedOut(UUID userId, List<UUID> sessionIds, String scope) implements AuthEvent {
        public String type() {
            return "user.logged_out";
        }
    }

    /** The password was changed (by the user or through recovery). */
    record PasswordChanged(UUID userId) implements AuthEvent {
        public String type() {
            return "user.password_changed";
        }
    }

    /** A password recovery e-mail was requested for an existing account. */
    record PasswordRecoveryRequested(UUID userId) implements AuthEvent {
        public String type() {
            return "user.password_recovery_requested";
        }
    }

    /** The e-mail address changed after the new address was confirmed. */
    record EmailChanged(UUID userId, String email) implements AuthEvent {
        public String type() {
            return "user.email_changed";
        }
    }

    /**
     * The account's profile changed ({@code PUT /api/v1/auth/user} with new metadata); {@code displayName} is the
     * metadata's {@code full_name} or {@code name}, absent when it has neither.
     */
    record UserUpdated(UUID userId, String email, @Nullable String displayName) implements AuthEvent {
        public String type() {
            return "user.updated";
        }
    }

    /** The account was deleted; other services remove what belongs to this user alone. */
    record UserDeleted(UUID userId) implements AuthEvent {
        public String type() {
            return "user.deleted";
        }
    }

    /** A second factor was enrolled, verified or removed ({@code change}: enrolled, verified, unenrolled). */
    record MfaChanged(UUID userId, UUID factorId, String change) implements AuthEvent {
        public String type() {
            return "user.mfa_changed";
        }
    }

    /** An organization API key was created. */
    record ApiKeyCreated(
            UUID keyId,
            UUID orgId,
            UUID createdBy,
            @Nullable Instant expiresAt) implements AuthEvent {
        public String type() {
            return "api_key.created";
        }
    }

    /** An API key got a new secret; the previous one works until {@code previousValidUntil}. */
    record ApiKeyRotated(UUID keyId, UUID orgId, Instant previousValidUntil) implements AuthEvent {
        public String type() {
            return "api_key.rotated";
        }
    }

    /** An API key was revoked. */
    record ApiKeyRevoked(UUID keyId, UUID orgId) implements AuthEvent {
        public String type() {
            return "api_key.revoked";
        }
    }
}
