package dev.tenantcore.auth.crypto;

import dev.tenantcore.auth.config.AuthProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Seals secrets at rest: each secret gets its own AES-256-GCM data key, which is itself wrapped with AES-GCM by
 * the active key-encryption key (KEK) from configuration. The KEK id is stored beside the sealed bytes, so a new
 * KEK can become active while old rows still open. The {@code context} is authenticated data binding a sealed
 * value to its row (a value copied to another row does not open).
 */
@Component
public class EnvelopeEncryption {

    private static final int IV = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keks = new HashMap<>();
    private final String activeKekId;
    private final SecureRandom random = new SecureRandom();

    public EnvelopeEncryption(AuthProperties properties) {
        properties.encryption().keys().forEach((id, base64) -> {
            byte[] key = Base64.getDecoder().decode(base64);
            if (key.length != 32) {
                throw new IllegalStateException("key-encryption key " + id + " must be 32 bytes");
            }
            keks.put(id, new SecretKeySpec(key, "AES"));
        });
        this.activeKekId = properties.encryption().activeKeyId();
        if (!keks.containsKey(activeKekId)) {
            throw new IllegalStateException("the active key-encryption key " + activeKekId + " is not configured");
        }
    }

    /** A sealed secret and the id of the KEK that wrapped its data key. */
    public record Sealed(String kekId, byte[] bytes) {}

    public Sealed seal(byte[] plaintext, String context) {
        try {
            byte[] dataKey = new byte[32];
            random.nextBytes(dataKey);
            byte[] wrapIv = iv();
            byte[] wrapped = gcm(Cipher.ENCRYPT_MODE, keks.get(activeKekId), wrapIv, context, dataKey);
            byte[] dataIv = iv();
            byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), dataIv, context, plaintext);
            ByteBuffer out = ByteBuffer.allocate(1 + IV + 4 + wrapped.length + IV + ciphertext.length);
            out.put((byte) 1)
                    .put(wrapIv)
                    .putInt(wrapped.length)
                    .put(wrapped)
                    .put(dataIv)
                    .put(ciphertext);
            return new Sealed(activeKekId, out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    public byte[] open(Sealed sealed, String context) {
        SecretKey kek = keks.get(sealed.kekId());
        if (kek == null) {
            throw new IllegalStateException("key-encryption key " + sealed.kekId() + " is not configured");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(sealed.bytes());
            if (in.get() != 1) {
                throw new IllegalStateException("unknown sealed format");
            }
            byte[] wrapIv = take(in, IV);
            byte[] wrapped = take(in, in.getInt());
            byte[] dataIv = take(in, IV);
            byte[] ciphertext = take(in, in.remaining());
            byte[] dataKey = gcm(Cipher.DECRYPT_MODE, kek, wrapIv, context, wrapped);
            return gcm(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), dataIv, context, ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("opening a sealed secret failed", e);
        }
    }

    /** Whether a value was sealed with an older KEK and should be sealed again. */
    public boolean isStale(Sealed sealed) {
        return !activeKekId.equals(sealed.kekId());
    }

    private byte[] iv() {
        byte[] iv = new byte[IV];
        random.nextBytes(iv);
        return iv;
    }

    private static byte[] take(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static byte[] gcm(int mode, SecretKey key, byte[] iv, String context, byte[] input)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(input);
    }
}
