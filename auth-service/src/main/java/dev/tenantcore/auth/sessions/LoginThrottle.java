package dev.tenantcore.auth.sessions;

import dev.tenantcore.auth.config.AuthProperties;
import dev.tenantcore.auth.crypto.OpaqueTokens;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per account and per client address in Redis within a window; at the limit, logins are
 * refused with 429 until the window ends. A successful login clears the account's count. Keys hold a hash of the
 * e-mail, not the address itself.
 */
@Component
class LoginThrottle {

    private final StringRedisTemplate redis;
    private final AuthProperties.Login limits;

    LoginThrottle(StringRedisTemplate redis, AuthProperties properties) {
        this.redis = redis;
        this.limits = properties.login();
    }

    /**
     * Throws {@link SessionProblems.LoginRateLimited} when the account or the address is locked; otherwise answers
     * whether the account has failures counted (which a successful login then clears).
     */
    boolean check(String email, String ip) {
        String account = accountKey(email);
        String address = ipKey(ip);
        // Both counts in one round trip: every login passes here.
        List<String> counts = redis.opsForValue().multiGet(List.of(account, address));
        if (counts == null || counts.size() != 2) {
            return true;
        }
        check(account, counts.get(0), limits.maxFailuresPerAccount());
        check(address, counts.get(1), limits.maxFailuresPerIp());
        return counts.get(0) != null;
    }

    void failed(String email, String ip) {
        count(accountKey(email));
        count(ipKey(ip));
    }

    void succeeded(String email) {
        redis.delete(accountKey(email));
    }

    private void check(String key, @Nullable String value, int max) {
        if (value != null && Long.parseLong(value) >= max) {
            Long ttl = redis.getExpire(key);
            long seconds = ttl == null || ttl <= 0 ? limits.window().toSeconds() : ttl;
            throw SessionProblems.LoginRateLimited.retryAfter(Duration.ofSeconds(seconds));
        }
    }

    private void count(String key) {
        redis.opsForValue().setIfAbsent(key, "0", limits.window());
        redis.opsForValue().increment(key);
    }

    private static String accountKey(String email) {
        byte[] hash = OpaqueTokens.sha256(email.strip().toLowerCase(Locale.ROOT));
        return "auth:login-failures:account:" + HexFormat.of().formatHex(hash, 0, 16);
    }

    private static String ipKey(String ip) {
        return "auth:login-failures:ip:" + ip;
    }
}
