package dev.tenantcore.auth.oauth;

import dev.tenantcore.auth.config.AuthProperties;
import dev.tenantcore.auth.crypto.OpaqueTokens;
import java.net.URI;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Started sign-ins in Redis, keyed by a hash of their {@code state}: the PKCE verifier, the nonce and the redirect
 * target never leave the server. Each is taken at most once (GETDEL) and expires after {@code oauth.state-ttl}.
 */
@Component
class LoginStates {

    /**
     * What the callback needs to finish a sign-in.
     *
     * @param appChallenge the app's own PKCE challenge (GoTrue's PKCE flow): the app then gets a code, not tokens
     */
    record Started(
            String provider,
            String codeVerifier,
            @Nullable String nonce,
            URI callback,
            URI redirectTo,
            FlowCodes.@Nullable Challenge appChallenge) {}

    private static final String PREFIX = "oauth:state:";

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final AuthProperties properties;

    LoginStates(StringRedisTemplate redis, JsonMapper json, AuthProperties properties) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
    }

    void save(String state, Started started) {
        String value = json.writeValueAsString(started);
        RedisCalls.run(() ->
                redis.opsForValue().set(key(state), value, properties.oauth().stateTtl()));
    }

    /** The started sign-in of this state, removed so that it cannot be used again. */
    Optional<Started> take(String state) {
        String value = RedisCalls.get(() -> redis.opsForValue().getAndDelete(key(state)));
        return value == null ? Optional.empty() : Optional.of(json.readValue(value, Started.class));
    }

    private static String key(String state) {
        return PREFIX + HexFormat.of().formatHex(OpaqueTokens.sha256(state));
    }
}
