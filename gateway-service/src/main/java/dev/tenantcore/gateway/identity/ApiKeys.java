package dev.tenantcore.gateway.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies API keys through auth-service's internal endpoint and remembers a positive answer in Redis for
 * a short while (keyed by a hash: the key itself is never stored). Revocation is checked on every request
 * by {@link Revocations}, so the cache never delays it.
 */
final class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    private static final String CACHE_PREFIX = "gateway:api-key:";

    private final WebClient client;
    private final URI verifyUri;
    private final IdentityProperties properties;
    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;
    private final Clock clock;

    ApiKeys(
            WebClient client,
            URI authService,
            IdentityProperties properties,
            ReactiveStringRedisTemplate redis,
            JsonMapper json,
            Clock clock) {
        this.client = client;
        this.verifyUri = URI.create(authService.toString().replaceAll("/+$", "") + properties.apiKeyVerifyPath());
        this.properties = properties;
        this.redis = redis;
        this.json = json;
        this.clock = clock;
    }

    /** The key's identity, or {@link Unauthenticated}; 503 when auth-service cannot say. */
    Mono<VerifiedKey> verify(String key) {
        var cacheKey = CACHE_PREFIX + sha256(key);
        return cached(cacheKey)
                .switchIfEmpty(Mono.defer(() -> askAuth(key).flatMap(verified -> remember(cacheKey, verified))))
                .flatMap(verified -> verified.expiredAt(clock.instant())
                        ? Mono.error(Unauthenticated.because("api key expired"))
                        : Mono.just(verified));
    }

    private Mono<VerifiedKey> cached(String cacheKey) {
        // A cache that cannot be read is only slower: ask auth instead.
        return redis.opsForValue()
                .get(cacheKey)
                .map(value -> json.readValue(value, VerifiedKey.class))
                .onErrorResume(failure -> {
                    log.atDebug().log("API key cache unreadable: {}", failure.toString());
                    return Mono.empty();
                });
    }

    private Mono<VerifiedKey> remember(String cacheKey, VerifiedKey verified) {
        return redis.opsForValue()
                .set(cacheKey, json.writeValueAsString(verified), properties.apiKeyCacheTtl())
                .onErrorReturn(false)
                .thenReturn(verified);
    }

    private Mono<VerifiedKey> askAuth(String key) {
        return client.post()
                .uri(verifyUri)
                .header("X-Internal-Token", properties.internalToken())
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("key", key))
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(Answer.class).mapNotNull(Answer::data);
                    }
                    if (response.statusCode().is4xxClientError()) {
                        return response.releaseBody().then(Mono.error(Unauthenticated.because("api key refused")));
                    }
                    return response.releaseBody()
                            .then(Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE)));
                })
                .timeout(properties.authTimeout())
                .onErrorMap(
                        failure -> !(failure instanceof ResponseStatusException),
                        failure -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, null, failure));
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What auth-service says about a valid key.
     *
     * @param keyId the key's id (not the secret)
     * @param orgId the organization the key acts for
     * @param scopes what the key may do
     * @param createdBy the user who created it
     * @param expiresAt when it stops working, if ever
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record VerifiedKey(
            String keyId,
            String orgId,
            @Nullable List<String> scopes,
            @Nullable String createdBy,
            @Nullable Instant expiresAt) {

        boolean expiredAt(Instant now) {
            return expiresAt != null && !expiresAt.isAfter(now);
        }

        List<String> grantedScopes() {
            return scopes == null ? List.of() : scopes;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Answer(@Nullable VerifiedKey data) {}
}
