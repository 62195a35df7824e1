package dev.tenantcore.auth.accounts;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id at OWASP's minimum (19 MiB, t=2, p=1). The parameters are part of each encoded hash, so when they are
 * raised here old hashes still verify and are replaced at the next successful login.
 */
@Component
public class Passwords {

    /** Memory in KiB (19 MiB). */
    public static final int MEMORY_KIB = 19 * 1024;

    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(16, 32, PARALLELISM, MEMORY_KIB, ITERATIONS);

    /** Verifying against this when no account matches keeps the answer time the same. */
    private final String decoy = encoder.encode("decoy-password-for-timing");

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    /** Spends the time of one verification, for unknown accounts. */
    public void burn(String password) {
        encoder.matches(password, decoy);
    }

    public boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }
}
