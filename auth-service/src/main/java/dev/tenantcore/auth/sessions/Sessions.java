package dev.tenantcore.auth.sessions;

import dev.tenantcore.auth.accounts.Accounts;
import dev.tenantcore.auth.accounts.User;
import dev.tenantcore.auth.audit.AuditLog;
import dev.tenantcore.auth.audit.RequestOrigin;
import dev.tenantcore.auth.config.AuthProperties;
import dev.tenantcore.auth.crypto.OpaqueTokens;
import dev.tenantcore.contracts.api.PageMeta;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.contracts.events.auth.AuthEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sessions feature's API: password and refresh-token grants, session listing, revocation and logout.
 * Refresh tokens rotate on every use; a rotated token presented again within the grace window yields the same
 * successor (two tabs refreshing at once), later it revokes the whole session.
 */
@Service
public class Sessions {

    /** Logout scopes, as in GoTrue. */
    public enum Scope {
        LOCAL,
        OTHERS,
        GLOBAL
    }

    public record Page(List<SessionView> items, PageMeta meta) {}

    private final Accounts accounts;
    private final SessionStore store;
    private final AccessTokens accessTokens;
    private final Revocations revocations;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final AuthProperties properties;
    private final MeterRegistry meters;

    Sessions(
            Accounts accounts,
            SessionStore store,
            AccessTokens accessTokens,
            Revocations revocations,
            LoginThrottle throttle,
            AuditLog audit,
            TransactionTemplate transactions,
            AuthProperties properties,
            MeterRegistry meters) {
        this.meters = meters;
        this.accounts = accounts;
        this.store = store;
        this.accessTokens = accessTokens;
        this.revocations = revocations;
        this.throttle = throttle;
        this.audit = audit;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** The password grant, limited per account and per address. */
    public TokenPair passwordGrant(String email, String password, RequestOrigin origin) {
        boolean failuresCounted;
        try {
            failuresCounted = throttle.check(email, origin.ip());
        } catch (RuntimeException limited) {
            login("throttled");
            throw limited;
        }
        User user;
        try {
            user = accounts.authenticate(email, password, origin);
        } catch (dev.tenantcore.auth.accounts.AccountProblems.InvalidCredentials e) {
            throttle.failed(email, origin.ip());
            login("invalid_credentials");
            throw e;
        } catch (RuntimeException refused) {
            login("refused");
            throw refused;
        }
        if (failuresCounted) {
            throttle.succeeded(email);
        }
        login("success");
        return start(user, List.of("password"), origin);
    }

    /** {@code auth.logins{outcome}}: password logins by outcome, for operators (brute force shows as a rise). */
    private void login(String outcome) {
        meters.counter("auth.logins", "outcome", outcome).increment();
    }

    /** {@code auth.refreshes{outcome}}: refresh-token grants; {@code reused} means a stolen or replayed token. */
    private void refreshed(String outcome) {
        meters.counter("auth.refreshes", "outcome", outcome).increment();
    }

    /** Starts a session for an authenticated user. */
    public TokenPair start(User user, List<String> amr, RequestOrigin origin) {
        UUID sessionId = UUID.randomUUID();
        String refreshToken = OpaqueTokens.random(32);
        transactions.executeWithoutResult(status -> {
            store.createSession(
                    sessionId,
                    user.id(),
                    "aal1",
                    amr,
                    origin.ip(),
                    origin.userAgent(),
                    Instant.now().plus(properties.tokens().sessionTtl()));
            store.insertToken(refreshToken, sessionId, user.id(), null);
            audit.record(new AuthEvent.UserLoggedIn(user.id(), sessionId, amr.getFirst()), origin);
        });
        return pair(user, sessionId, amr, "aal1", refreshToken);
    }

    private sealed interface Rotation {}

    private record Rotated(UUID sessionId, UUID userId, String successor, String aal, List<String> amr)
            implements Rotation {}

    private record Reused(UUID sessionId, UUID userId) implements Rotation {}

    private record Refused() implements Rotation {}

    /** The refresh-token grant. */
    public TokenPair refreshGrant(String refreshToken, RequestOrigin origin) {
        Rotation rotation = transactions.execute(status -> rotate(refreshToken, origin));
        return switch (rotation) {
            case Rotated r -> {
                refreshed("rotated");
                User user = accounts.find(r.userId());
                yield pair(user, r.sessionId(), r.amr(), r.aal(), r.successor());
            }
            case Reused r -> {
                refreshed("reused");
                throw SessionProblems.InvalidRefreshToken.create();
            }
            case Refused r -> {
                refreshed("refused");
                throw SessionProblems.InvalidRefreshToken.create();
            }
            case null -> {
                refreshed("refused");
                throw SessionProblems.InvalidRefreshToken.create();
            }
        };
    }

    private Rotation rotate(String token, RequestOrigin origin) {
        var locked = store.lockToken(token).orElse(null);
        if (locked == null || !locked.sessionActive()) {
            return new Refused();
        }
        // The successor is derived from the token, so a concurrent request within the grace gets the same one.
        String successor = OpaqueTokens.derive(properties.tokens().refreshPepper(), token);
        if (locked.rotatedAt() == null) {
            store.rotate(locked.id(), successor, locked.sessionId(), locked.userId());
            return new Rotated(locked.sessionId(), locked.userId(), successor, locked.aal(), locked.amr());
        }
        Duration since = Duration.between(locked.rotatedAt(), Instant.now());
        if (since.compareTo(properties.tokens().refreshReuseGrace()) <= 0) {
            return new Rotated(locked.sessionId(), locked.userId(), successor, locked.aal(), locked.amr());
        }
        List<UUID> revoked = store.revoke(locked.userId(), locked.sessionId(), null, "refresh_token_reuse");
        revocations.sessions(revoked);
        audit.record(new AuthEvent.RefreshReuseDetected(locked.userId(), locked.sessionId()), origin);
        return new Reused(locked.sessionId(), locked.userId());
    }

    /** Whether the session may still be used (not revoked, not past its end). */
    public boolean isActive(UUID sessionId) {
        return store.session(sessionId).map(SessionStore.Session::active).orElse(false);
    }

    /** Raises the session's assurance level after a second factor and returns fresh tokens. */
    public TokenPair raise(UUID userId, UUID sessionId, String method, RequestOrigin origin) {
        var session = store.session(sessionId)
                .filter(s -> s.active() && s.userId().equals(userId))
                .orElseThrow(SessionProblems::sessionNotFound);
        List<String> amr = new java.util.ArrayList<>(session.amr());
        if (!amr.contains(method)) {
            amr.add(method);
        }
        String refreshToken = OpaqueTokens.random(32);
        transactions.executeWithoutResult(status -> {
            store.raise(sessionId, "aal2", amr);
            store.insertToken(refreshToken, sessionId, userId, null);
        });
        return pair(accounts.find(userId), sessionId, amr, "aal2", refreshToken);
    }

    public Page list(UUID userId, @Nullable UUID current, PageQuery page) {
        return new Page(
                store.active(userId, current, page.offset(), page.limit()), page.meta(store.countActive(userId)));
    }

    /** Revokes one of the user's sessions. */
    public void revoke(UUID userId, UUID sessionId, RequestOrigin origin) {
        List<UUID> revoked = transactions.execute(status -> {
            List<UUID> ids = store.revoke(userId, sessionId, null, "revoked");
            if (!ids.isEmpty()) {
                audit.record(new AuthEvent.LoggedOut(userId, ids, "session"), origin);
            }
            return ids;
        });
        if (revoked == null || revoked.isEmpty()) {
            throw SessionProblems.sessionNotFound();
        }
        revocations.sessions(revoked);
    }

    public void logout(UUID userId, UUID currentSession, Scope scope, RequestOrigin origin) {
        List<UUID> revoked = transactions.execute(status -> {
            List<UUID> ids = switch (scope) {
                case LOCAL -> store.revoke(userId, currentSession, null, "logout");
                case OTHERS -> store.revoke(userId, null, currentSession, "logout_others");
                case GLOBAL -> store.revoke(userId, null, null, "logout_global");
            };
            audit.record(new AuthEvent.LoggedOut(userId, ids, scope.name().toLowerCase(java.util.Locale.ROOT)), origin);
            return ids;
        });
        revocations.sessions(revoked == null ? List.of() : revoked);
    }

    /** A password change ends every other session of the user, in the same transaction. */
    @EventListener
    void on(Accounts.CredentialsChanged changed) {
        List<UUID> revoked = store.revoke(changed.userId(), null, changed.keepSessionId(), "password_changed");
        revocations.sessions(revoked);
    }

    private TokenPair pair(User user, UUID sessionId, List<String> amr, String aal, String refreshToken) {
        var minted = accessTokens.mint(user, sessionId, amr, aal);
        long expiresIn = properties.tokens().accessTokenTtl().toSeconds();
        return new TokenPair(minted.token(), minted.expiresAt(), expiresIn, refreshToken, sessionId, user);
    }
}
