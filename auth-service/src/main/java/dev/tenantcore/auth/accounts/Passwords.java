package dev.tenantcore.auth.accounts;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id at OWASP's minimum (19 MiB, t=2, p=1). The parameters are part of each encoded hash, so when they are
 * raised here old hashes still verify and are replaced at the next successful login.
 *
 * <p>At most one hash per processor runs at a time; further logins wait their turn. Argon2 is memory-hard, so
 * running more at once than there are cores only makes them evict each other's 19 MiB from the caches (the
 * throughput halves at twice the cores), and a burst of logins could otherwise claim 19 MiB of heap each.
 */
@Component
public class Passwords {

    /** Memory in KiB (19 MiB). */
    public static final int MEMORY_KIB = 19 * 1024;

    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(16, 32, PARALLELISM, MEMORY_KIB, ITERATIONS);

    private final Semaphore slots = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    /** Verifying against this when no account matches keeps the answer time the same. */
    private final String decoy = encoder.encode("decoy-password-for-timing");

    public String hash(String password) {
        return inSlot(() -> encoder.encode(password));
    }

    public boolean matches(String password, String hash) {
        return inSlot(() -> encoder.matches(password, hash));
    }

    /** Spends the time of one verification, for unknown accounts. */
    public void burn(String password) {
        inSlot(() -> encoder.matches(password, decoy));
    }

    private <T> T inSlot(Supplier<T> work) {
        slots.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    public boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }
}
