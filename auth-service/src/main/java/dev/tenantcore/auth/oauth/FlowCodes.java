package dev.tenantcore.auth.oauth;

import dev.tenantcore.auth.crypto.OpaqueTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * GoTrue's PKCE flow between the app and this service (what {@code @supabase/ssr} uses): the callback hands the app
 * a short-lived, single-use code instead of tokens; the app trades it with the verifier whose challenge it sent to
 * {@code /authorize}. Codes live in Redis as hashes only.
 */
@Component
class FlowCodes {

    /** An app's PKCE challenge, as auth-js sends it ({@code s256} or {@code plain}). */
    record Challenge(String value, String method) {

        boolean verifies(String verifier) {
            if ("plain".equalsIgnoreCase(method)) {
                return MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), verifier.getBytes(StandardCharsets.UTF_8));
            }
            String computed = Base64.getUrlEncoder().withoutPadding().encodeToString(OpaqueTokens.sha256(verifier));
            return MessageDigest.isEqual(
                    computed.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
        }
    }

    record Issued(UUID userId, Challenge challenge) {}

    private static final String PREFIX = "oauth:code:";
    private static final Duration TTL = Duration.ofMinutes(5);

    private final StringRedisTemplate redis;
    private final JsonMapper json;

    FlowCodes(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    String issue(UUID userId, Challenge challenge) {
        String code = OpaqueTokens.random(32);
        String value = json.writeValueAsString(new Issued(userId, challenge));
        RedisCalls.run(() -> redis.opsForValue().set(key(code), value, TTL));
        return code;
    }

    Optional<Issued> take(String code) {
        String value = RedisCalls.get(() -> redis.opsForValue().getAndDelete(key(code)));
        return value == null ? Optional.empty() : Optional.of(json.readValue(value, Issued.class));
    }

    private static String key(String code) {
        return PREFIX + HexFormat.of().formatHex(OpaqueTokens.sha256(code));
    }
}
