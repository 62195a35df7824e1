package dev.tenantcore.auth.sessions;

import dev.tenantcore.auth.accounts.AccountProblems;
import dev.tenantcore.auth.accounts.Accounts;
import dev.tenantcore.auth.accounts.User;
import dev.tenantcore.auth.audit.AuditLog;
import dev.tenantcore.auth.audit.RequestOrigin;
import dev.tenantcore.contracts.events.auth.AuthEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Self-service account deletion. The owner confirms first: with the password when the account has one (wrong
 * passwords count against the same limits as failed logins), else with a session that signed in within the last
 * {@link #RECENT_SIGN_IN}. Then, in one transaction, the account and everything of it are deleted and
 * {@code user.deleted} goes to the outbox; every session's access tokens are put on the revocation list before the
 * commit, so a Redis failure rolls the deletion back rather than leaving tokens working.
 */
@Service
public class AccountDeletion {

    /** How recent the sign-in of a password-less account's session must be. */
    static final Duration RECENT_SIGN_IN = Duration.ofMinutes(10);

    private final Accounts accounts;
    private final SessionStore store;
    private final Revocations revocations;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    AccountDeletion(
            Accounts accounts,
            SessionStore store,
            Revocations revocations,
            LoginThrottle throttle,
            AuditLog audit,
            TransactionTemplate transactions) {
        this.accounts = accounts;
        this.store = store;
        this.revocations = revocations;
        this.throttle = throttle;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * Deletes the caller's account.
     *
     * @param sessionId the session of the caller's access token
     * @param password the account's password, required when it has one
     */
    public void delete(UUID userId, @Nullable UUID sessionId, @Nullable String password, RequestOrigin origin) {
        User user = accounts.find(userId);
        if (accounts.hasPassword(userId)) {
            confirmPassword(user, password, origin);
        } else {
            confirmRecentSignIn(userId, sessionId);
        }
        transactions.executeWithoutResult(status -> {
            List<UUID> sessions = store.deleteAll(userId);
            accounts.delete(userId, origin);
            revocations.sessions(sessions);
        });
    }

    private void confirmPassword(User user, @Nullable String password, RequestOrigin origin) {
        if (password == null || password.isEmpty()) {
            throw AccountProblems.PasswordRequired.create();
        }
        throttle.check(user.email(), origin.ip());
        if (!accounts.passwordMatches(user.id(), password)) {
            throttle.failed(user.email(), origin.ip());
            audit.recordIndependently(new AuthEvent.LoginFailed(user.id(), "invalid_password"), origin);
            throw AccountProblems.WrongPassword.create();
        }
    }

    private void confirmRecentSignIn(UUID userId, @Nullable UUID sessionId) {
        Instant since = Instant.now().minus(RECENT_SIGN_IN);
        boolean recent = sessionId != null
                && store.session(sessionId)
                        .filter(s -> s.active() && s.userId().equals(userId))
                        .filter(s -> s.createdAt().isAfter(since))
                        .isPresent();
        if (!recent) {
            throw AccountProblems.ReauthenticationNeeded.create();
        }
    }
}
