package dev.tenantcore.contracts.security;

/**
 * Redis keys of the revocation list that auth-service writes and the gateway reads, so that logout and
 * key revocation act at once rather than at token expiry. Each entry lives as long as the longest token
 * it can revoke (the access-token lifetime for sessions).
 *
 * <p>Every entry is also announced on {@link #CHANNEL}, in the same Redis call that writes it, as
 * {@code <key> <expiry in epoch milliseconds>} ({@link #announcement}): a gateway that holds the list in memory
 * learns of it there.
 */
public final class RevocationKeys {

    /** What every entry's key starts with. */
    public static final String PREFIX = "revoked:";

    /** The pub/sub channel on which each new entry is announced. */
    public static final String CHANNEL = "revocations";

    /** Matches every entry, for a reader that loads the whole list. */
    public static final String PATTERN = PREFIX + "*";

    /**
     * The Lua script that writes an entry and announces it in one step: {@code KEYS[1]} the entry,
     * {@code ARGV[1]} its lifetime in milliseconds, {@code ARGV[2]} the channel, {@code ARGV[3]} the announcement.
     * Returns the number of subscribers that received it.
     */
    public static final String WRITE_AND_ANNOUNCE_SCRIPT = """
            redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
            return redis.call('PUBLISH', ARGV[2], ARGV[3])
            """;

    private RevocationKeys() {}

    /** Present while tokens carrying this session id ({@code sid}) must be rejected. */
    public static String session(String sessionId) {
        return PREFIX + "session:" + sessionId;
    }

    /** Present while the API key with this id must be rejected. */
    public static String apiKey(String keyId) {
        return PREFIX + "api-key:" + keyId;
    }

    /** The message announcing an entry that expires at {@code expiresAtMillis}. */
    public static String announcement(String key, long expiresAtMillis) {
        return key + " " + expiresAtMillis;
    }
}
