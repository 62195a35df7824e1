package dev.tenantcore.auth.sessions;

import dev.tenantcore.auth.config.AuthProperties;
import dev.tenantcore.contracts.security.RevocationKeys;
import java.util.Collection;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The Redis revocation list the gateway (and this service) checks, so a revoked session's access tokens stop
 * working at once. An entry lives as long as an access token can.
 */
@Component
class Revocations {

    private final StringRedisTemplate redis;
    private final AuthProperties properties;

    Revocations(StringRedisTemplate redis, AuthProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    void sessions(Collection<UUID> sessionIds) {
        for (UUID id : sessionIds) {
            redis.opsForValue()
                    .set(
                            RevocationKeys.session(id.toString()),
                            "1",
                            properties.tokens().accessTokenTtl());
        }
    }

    boolean isSessionRevoked(String sessionId) {
        return Boolean.TRUE.equals(redis.hasKey(RevocationKeys.session(sessionId)));
    }
}
