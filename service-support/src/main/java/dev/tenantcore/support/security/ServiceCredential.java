package dev.tenantcore.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * The shared service credential ({@code tenantcore.security.internal-token}). Compared as SHA-256 digests
 * in constant time, so neither the content nor the length of the expected value leaks through timing.
 */
final class ServiceCredential {

    private final byte[] expected;

    ServiceCredential(String expected) {
        this.expected = digest(expected);
    }

    boolean matches(@Nullable String presented) {
        return presented != null && MessageDigest.isEqual(expected, digest(presented));
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
