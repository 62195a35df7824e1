package dev.tenantcore.auth.mfa;

import dev.tenantcore.auth.accounts.Accounts;
import dev.tenantcore.auth.audit.AuditLog;
import dev.tenantcore.auth.audit.RequestOrigin;
import dev.tenantcore.auth.config.AuthProperties;
import dev.tenantcore.auth.crypto.EnvelopeEncryption;
import dev.tenantcore.auth.sessions.Sessions;
import dev.tenantcore.auth.sessions.TokenPair;
import dev.tenantcore.contracts.events.auth.AuthEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The MFA feature's API: TOTP factors are enrolled (a fresh secret, sealed at rest), challenged and verified; a
 * verified code raises the session to {@code aal2}. Each code is accepted once (its time step must follow the last
 * accepted one). The first verified factor comes with single-use recovery codes, stored as hashes.
 */
@Service
public class Factors {

    /** A new factor, its secret shown this once. {@code uri} is the otpauth URI that QR codes encode. */
    public record Enrollment(Factor factor, String secret, String uri) {}

    public record Challenge(UUID id, UUID factorId, String type, Instant expiresAt) {}

    /** Tokens of the raised session; recovery codes when this verification enabled MFA, else null. */
    public record Verification(TokenPair tokens, @Nullable List<String> recoveryCodes) {}

    private static final int SECRET_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FactorStore store;
    private final EnvelopeEncryption encryption;
    private final Sessions sessions;
    private final Accounts accounts;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final AuthProperties.Mfa settings;

    Factors(
            FactorStore store,
            EnvelopeEncryption encryption,
            Sessions sessions,
            Accounts accounts,
            AuditLog audit,
            TransactionTemplate transactions,
            AuthProperties properties) {
        this.store = store;
        this.encryption = encryption;
        this.sessions = sessions;
        this.accounts = accounts;
        this.audit = audit;
        this.transactions = transactions;
        this.settings = properties.mfa();
    }

    public List<Factor> factors(UUID userId) {
        return store.of(userId);
    }

    public boolean hasVerifiedFactor(UUID userId) {
        return store.hasVerified(userId);
    }

    public Enrollment enroll(
            UUID userId, @Nullable String friendlyName, @Nullable String issuer, RequestOrigin origin) {
        String email = accounts.find(userId).email();
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        UUID id = UUID.randomUUID();
        String name = friendlyName == null || friendlyName.isBlank() ? null : friendlyName.strip();
        Factor factor = transactions.execute(status -> {
            if (store.count(userId) >= settings.maxFactors()) {
                throw MfaProblems.tooMany();
            }
            if (name != null && store.nameExists(userId, name)) {
                throw MfaProblems.nameTaken();
            }
            store.insert(id, userId, name, encryption.seal(secret, context(id)));
            audit.record(new AuthEvent.MfaChanged(userId, id, "enrolled"), origin);
            return store.find(userId, id).orElseThrow();
        });
        String base32 = Totp.base32(secret);
        String shownIssuer = issuer == null || issuer.isBlank() ? settings.issuer() : issuer.strip();
        String uri = "otpauth://totp/" + encode(shownIssuer) + ":" + encode(email) + "?secret=" + base32 + "&issuer="
                + encode(shownIssuer) + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.PERIOD_SECONDS;
        return new Enrollment(factor, base32, uri);
    }

    public Challenge challenge(UUID userId, UUID factorId, RequestOrigin origin) {
        Factor factor = store.find(userId, factorId).orElseThrow(MfaProblems::factorNotFound);
        UUID id = UUID.randomUUID();
        Instant expiresAt = Instant.now().plus(settings.challengeTtl());
        transactions.executeWithoutResult(status -> store.insertChallenge(id, factorId, origin.ip(), expiresAt));
        return new Challenge(id, factorId, factor.type(), expiresAt);
    }

    private sealed interface Outcome {}

    private record Accepted(@Nullable List<String> recoveryCodes) implements Outcome {}

    private record Rejected() implements Outcome {}

    /**
     * Checks the code against the challenge (answered once, pass or fail) and raises the session to aal2. The
     * first verified factor of a user also yields recovery codes.
     */
    public Verification verify(
            UUID userId, UUID sessionId, UUID factorId, UUID challengeId, String code, RequestOrigin origin) {
        Outcome outcome = transactions.execute(status -> {
            var secret = store.lockSecret(userId, factorId).orElseThrow(MfaProblems::factorNotFound);
            if (!store.answer(challengeId, factorId)) {
                throw MfaProblems.challengeNotFound();
            }
            byte[] key = encryption.open(secret.sealed(), context(factorId));
            OptionalLong step = Totp.match(key, code.strip(), Instant.now(), settings.window());
            if (step.isEmpty() || (secret.lastUsedStep() != null && step.getAsLong() <= secret.lastUsedStep())) {
                return new Rejected();
            }
            boolean firstFactor = !store.hasVerified(userId);
            boolean enabling = !"verified".equals(secret.status());
            store.used(factorId, step.getAsLong());
            List<String> codes = null;
            if (firstFactor) {
                codes = newRecoveryCodes();
                store.replaceRecoveryCodes(userId, codes);
            }
            if (enabling) {
                audit.record(new AuthEvent.MfaChanged(userId, factorId, "verified"), origin);
            }
            return new Accepted(codes);
        });
        if (!(outcome instanceof Accepted accepted)) {
            throw MfaProblems.invalidCode();
        }
        return new Verification(sessions.raise(userId, sessionId, "totp", origin), accepted.recoveryCodes());
    }

    /** Removes a factor; a verified one only from an aal2 session. The last verified factor takes the codes along. */
    public Factor unenroll(UUID userId, UUID factorId, String aal, RequestOrigin origin) {
        return transactions.execute(status -> {
            Factor factor = store.find(userId, factorId).orElseThrow(MfaProblems::factorNotFound);
            if (factor.verified() && !"aal2".equals(aal)) {
                throw MfaProblems.insufficientAal();
            }
            store.delete(userId, factorId);
            if (!store.hasVerified(userId)) {
                store.deleteRecoveryCodes(userId);
            }
            audit.record(new AuthEvent.MfaChanged(userId, factorId, "unenrolled"), origin);
            return factor;
        });
    }

    /** New recovery codes replace the old ones; needs an aal2 session. */
    public List<String> regenerateRecoveryCodes(UUID userId, String aal, RequestOrigin origin) {
        if (!"aal2".equals(aal)) {
            throw MfaProblems.insufficientAal();
        }
        return transactions.execute(status -> {
            UUID factorId = verifiedFactor(userId);
            List<String> codes = newRecoveryCodes();
            store.replaceRecoveryCodes(userId, codes);
            audit.record(new AuthEvent.MfaChanged(userId, factorId, "recovery_codes_regenerated"), origin);
            return codes;
        });
    }

    /** Spends a recovery code in place of a TOTP code: the session is raised to aal2. */
    public TokenPair useRecoveryCode(UUID userId, UUID sessionId, String code, RequestOrigin origin) {
        String normalized = normalize(code);
        Boolean spent = transactions.execute(status -> {
            if (!store.hasVerified(userId) || !store.spendRecoveryCode(userId, normalized)) {
                return false;
            }
            audit.record(new AuthEvent.MfaChanged(userId, verifiedFactor(userId), "recovery_code_used"), origin);
            return true;
        });
        if (!Boolean.TRUE.equals(spent)) {
            throw MfaProblems.invalidCode();
        }
        return sessions.raise(userId, sessionId, "recovery_code", origin);
    }

    public long unusedRecoveryCodes(UUID userId) {
        return store.unusedRecoveryCodes(userId);
    }

    private UUID verifiedFactor(UUID userId) {
        return store.of(userId).stream()
                .filter(Factor::verified)
                .map(Factor::id)
                .findFirst()
                .orElseThrow(MfaProblems::factorNotFound);
    }

    /** Codes of 80 random bits: 16 base32 characters in groups of four, lower case. */
    private List<String> newRecoveryCodes() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < settings.recoveryCodes(); i++) {
            byte[] bytes = new byte[10];
            RANDOM.nextBytes(bytes);
            String raw = Totp.base32(bytes).toLowerCase(Locale.ROOT);
            codes.add(String.join(
                    "-", raw.substring(0, 4), raw.substring(4, 8), raw.substring(8, 12), raw.substring(12)));
        }
        return codes;
    }

    /** What is hashed: the code without separators or spaces, lower case, regrouped. */
    private static String normalize(String code) {
        String raw = code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
        if (raw.length() != 16) {
            return raw;
        }
        return String.join("-", raw.substring(0, 4), raw.substring(4, 8), raw.substring(8, 12), raw.substring(12));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String context(UUID factorId) {
        return "totp-secret:" + factorId;
    }
}
