package dev.tenantcore.auth.accounts;

import dev.tenantcore.auth.audit.AuditLog;
import dev.tenantcore.auth.audit.RequestOrigin;
import dev.tenantcore.auth.config.AuthProperties;
import dev.tenantcore.contracts.events.auth.AuthEvent;
import dev.tenantcore.contracts.jobs.EmailJob;
import dev.tenantcore.support.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The accounts feature's API: sign-up, credentials, confirmation, recovery and e-mail change. */
@Service
public class Accounts {

    /**
     * Published inside the transaction when a user's credentials changed, so that sessions other than
     * {@code keepSessionId} are revoked.
     */
    public record CredentialsChanged(UUID userId, @Nullable UUID keepSessionId) {}

    /** What a verified one-time token did. */
    public record Verified(User user, String type) {}

    private final Users users;
    private final Passwords passwords;
    private final PasswordPolicy policy;
    private final OneTimeTokens tokens;
    private final EmailJobs emails;
    private final AuditLog audit;
    private final ApplicationEventPublisher publisher;
    private final AuthProperties properties;
    private final MeterRegistry meters;

    Accounts(
            Users users,
            Passwords passwords,
            PasswordPolicy policy,
            OneTimeTokens tokens,
            EmailJobs emails,
            AuditLog audit,
            ApplicationEventPublisher publisher,
            AuthProperties properties,
            MeterRegistry meters) {
        this.meters = meters;
        this.users = users;
        this.passwords = passwords;
        this.policy = policy;
        this.tokens = tokens;
        this.emails = emails;
        this.audit = audit;
        this.publisher = publisher;
        this.properties = properties;
    }

    @Transactional
    public User signUp(String email, String password, Map<String, Object> metadata, RequestOrigin origin) {
        String address = email.strip();
        policy.check(password, address);
        if (users.emailExists(address)) {
            throw AccountProblems.EmailTaken.create();
        }
        UUID id = UUID.randomUUID();
        boolean confirm = properties.signup().confirmationRequired();
        users.insert(id, address, passwords.hash(password), confirm ? null : Instant.now(), metadata);
        if (confirm) {
            String token = tokens.issue(
                    id,
                    OneTimeTokens.Purpose.SIGNUP,
                    address,
                    properties.signup().confirmationTtl());
            emails.send(EmailJob.SIGNUP_CONFIRMATION, address, id, token);
        }
        audit.record(new AuthEvent.UserRegistered(id, address, !confirm), origin);
        // auth.signups: accounts created with a password (social sign-ins count as logins of their provider).
        meters.counter("auth.signups").increment();
        return require(id);
    }

    /**
     * Checks the password; rehashes it when its parameters are below the current ones. Throws
     * {@link AccountProblems.InvalidCredentials} (recording the failure) or {@link AccountProblems.EmailNotConfirmed}. Runs outside a transaction so that no connection is held while hashing.
     */
    public User authenticate(String email, String password, RequestOrigin origin) {
        var row = users.byEmail(email.strip()).orElse(null);
        if (row == null || row.passwordHash() == null) {
            if (row == null) {
                passwords.burn(password);
            }
            audit.recordIndependently(
                    new AuthEvent.LoginFailed(row == null ? null : row.user().id(), "invalid_credentials"), origin);
            throw AccountProblems.InvalidCredentials.create();
        }
        if (!passwords.matches(password, row.passwordHash())) {
            audit.recordIndependently(new AuthEvent.LoginFailed(row.user().id(), "invalid_credentials"), origin);
            throw AccountProblems.InvalidCredentials.create();
        }
        if (row.user().emailConfirmedAt() == null && properties.signup().confirmationRequired()) {
            audit.recordIndependently(new AuthEvent.LoginFailed(row.user().id(), "email_not_confirmed"), origin);
            throw AccountProblems.EmailNotConfirmed.create();
        }
        if (passwords.needsRehash(row.passwordHash())) {
            users.updatePassword(row.user().id(), passwords.hash(password));
        }
        users.signedIn(row.user().id());
        return row.user();
    }

    /** The account of an address, in any case. */
    public Optional<User> findByEmail(String email) {
        return users.byEmail(email.strip()).map(Users.Row::user);
    }

    /**
     * Registers an account for an address a sign-in provider has verified: confirmed, without a password (one can
     * be set later by recovery).
     */
    @Transactional
    public User registerVerified(String email, Map<String, Object> metadata, RequestOrigin origin) {
        String address = email.strip();
        if (users.emailExists(address)) {
            throw AccountProblems.EmailTaken.create();
        }
        UUID id = UUID.randomUUID();
        users.insert(id, address, null, Instant.now(), metadata);
        audit.record(new AuthEvent.UserRegistered(id, address, true), origin);
        return require(id);
    }

    public User find(UUID id) {
        return require(id);
    }

    /** Records a sign-in by another method (refresh, recovery link, OAuth). */
    @Transactional
    public void signedIn(UUID id) {
        users.signedIn(id);
    }

    @Transactional
    public User changePassword(UUID id, String password, @Nullable UUID currentSessionId, RequestOrigin origin) {
        User user = require(id);
        policy.check(password, user.email());
        users.updatePassword(id, passwords.hash(password));
        audit.record(new AuthEvent.PasswordChanged(id), origin);
        publisher.publishEvent(new CredentialsChanged(id, currentSessionId));
        return require(id);
    }

    /** Starts an e-mail change: the new address receives a confirmation link; the old one stays until then. */
    @Transactional
    public User requestEmailChange(UUID id, String email) {
        String address = email.strip();
        User user = require(id);
        if (address.equalsIgnoreCase(user.email())) {
            return user;
        }
        if (users.emailExists(address)) {
            throw AccountProblems.EmailTaken.create();
        }
        users.setPendingEmail(id, address);
        String token = tokens.issue(
                id,
                OneTimeTokens.Purpose.EMAIL_CHANGE,
                address,
                properties.signup().confirmationTtl());
        emails.send(EmailJob.EMAIL_CHANGE, address, id, token);
        return require(id);
    }

    /**
     * Merges the metadata into the account's; when that changed it, {@code user.updated} is recorded and published
     * through the outbox (display name from {@code full_name}, else {@code name}).
     */
    @Transactional
    public User updateMetadata(UUID id, Map<String, Object> metadata, RequestOrigin origin) {
        User before = require(id);
        users.updateMetadata(id, metadata);
        User after = require(id);
        if (!after.metadata().equals(before.metadata())) {
            audit.record(new AuthEvent.UserUpdated(id, after.email(), displayName(after.metadata())), origin);
        }
        return after;
    }

    private static @Nullable String displayName(Map<String, Object> metadata) {
        for (String key : List.of("full_name", "name")) {
            if (metadata.get(key) instanceof String name && !name.isBlank()) {
                return name;
            }
        }
        return null;
    }

    /** Whether the account signs in with a password (else only through a provider or e-mailed links). */
    public boolean hasPassword(UUID id) {
        return users.byId(id).map(row -> row.passwordHash() != null).orElse(false);
    }

    /** Checks the account's password (no transaction is held while hashing). */
    public boolean passwordMatches(UUID id, String password) {
        String hash = users.byId(id).map(Users.Row::passwordHash).orElse(null);
        if (hash == null) {
            passwords.burn(password);
            return false;
        }
        return passwords.matches(password, hash);
    }

    /**
     * Deletes the account inside the caller's transaction: its sessions, refresh tokens, identities, factors and
     * one-time tokens go with it (foreign keys cascade); {@code user.deleted} is recorded and published through the
     * outbox. The audit trail keeps the user's id.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void delete(UUID id, RequestOrigin origin) {
        if (!users.delete(id)) {
            throw AccountProblems.AccountGone.create();
        }
        audit.record(new AuthEvent.UserDeleted(id), origin);
    }

    /** Sends a recovery link if the account exists; the caller learns nothing either way. */
    @Transactional
    public void requestRecovery(String email, RequestOrigin origin) {
        users.byEmail(email.strip()).ifPresent(row -> {
            UUID id = row.user().id();
            String token = tokens.issue(
                    id,
                    OneTimeTokens.Purpose.RECOVERY,
                    row.user().email(),
                    properties.signup().recoveryTtl());
            emails.send(EmailJob.RECOVERY, row.user().email(), id, token);
            audit.record(new AuthEvent.PasswordRecoveryRequested(id), origin);
        });
    }

    /**
     * Uses a one-time token: {@code signup} confirms the address, {@code email_change} moves to the new address,
     * {@code recovery} proves control of the mailbox (the caller then starts a session).
     */
    @Transactional
    public Verified verify(String type, String token, RequestOrigin origin) {
        OneTimeTokens.Purpose purpose = switch (type) {
            case "signup", "email", "invite", "magiclink" -> OneTimeTokens.Purpose.SIGNUP;
            case "recovery" -> OneTimeTokens.Purpose.RECOVERY;
            case "email_change" -> OneTimeTokens.Purpose.EMAIL_CHANGE;
            default ->
                throw new ApiException(
                        dev.tenantcore.contracts.api.ErrorCode.VALIDATION_FAILED,
                        "type must be signup, recovery or email_change");
        };
        var used = tokens.consume(purpose, token).orElseThrow(AccountProblems.InvalidToken::create);
        UUID id = used.userId();
        switch (purpose) {
            case SIGNUP -> {
                users.confirmEmail(id);
                audit.record(new AuthEvent.EmailConfirmed(id, used.email()), origin);
            }
            case EMAIL_CHANGE -> {
                if (!users.applyEmail(id, used.email())) {
                    throw AccountProblems.InvalidToken.create();
                }
                audit.record(new AuthEvent.EmailChanged(id, used.email()), origin);
            }
            case RECOVERY -> users.confirmEmail(id);
        }
        users.signedIn(id);
        return new Verified(require(id), purpose.value);
    }

    private User require(UUID id) {
        return users.byId(id)
                .map(Users.Row::user)
                .orElseThrow(() -> new ApiException(
                        dev.tenantcore.contracts.api.ErrorCode.UNAUTHORIZED, "The account no longer exists"));
    }
}
