package dev.tenantcore.auth.revocation;

import dev.tenantcore.contracts.security.RevocationKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Writes entries of the revocation list ({@link RevocationKeys}) and announces each on
 * {@link RevocationKeys#CHANNEL} in the same script, so no entry exists that was not announced: a gateway
 * holding the list in memory cannot miss one because this service stopped between the two.
 */
@Component
public class RevocationList {

    private static final RedisScript<Long> REVOKE =
            RedisScript.of(RevocationKeys.WRITE_AND_ANNOUNCE_SCRIPT, Long.class);

    private final StringRedisTemplate redis;
    private final Clock clock;

    public RevocationList(StringRedisTemplate redis) {
        this.redis = redis;
        this.clock = Clock.systemUTC();
    }

    /** Revokes what {@code key} names for {@code ttl}: the longest a credential it covers can still be valid. */
    public void revoke(String key, Duration ttl) {
        long millis = Math.max(1, ttl.toMillis());
        long expiresAt = clock.millis() + millis;
        redis.execute(
                REVOKE,
                List.of(key),
                Long.toString(millis),
                RevocationKeys.CHANNEL,
                RevocationKeys.announcement(key, expiresAt));
    }

    /** Whether {@code key} is on the list. */
    public boolean isRevoked(String key) {
        return Boolean.TRUE.equals(redis.hasKey(key));
    }
}
