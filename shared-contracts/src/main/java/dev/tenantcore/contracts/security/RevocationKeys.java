package dev.tenantcore.contracts.security;

/**
 * Redis keys of the revocation list that auth-service writes and the gateway reads, so that logout and
 * key revocation act at once rather than at token expiry. Each entry lives as long as the longest token
 * it can revoke (the access-token lifetime for sessions).
 */
public final class RevocationKeys {

    private static final String PREFIX = "revoked:";

    private RevocationKeys() {}

    /** Present while tokens carrying this session id ({@code sid}) must be rejected. */
    public static String session(String sessionId) {
        return PREFIX + "session:" + sessionId;
    }

    /** Present while the API key with this id must be rejected. */
    public static String apiKey(String keyId) {
        return PREFIX + "api-key:" + keyId;
    }
}
