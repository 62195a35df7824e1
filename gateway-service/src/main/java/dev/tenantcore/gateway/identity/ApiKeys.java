package dev.tenantcore.gateway.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 *
 * <p>When auth-service cannot say (unreachable, slow, a 5xx, or an answer that is not a verified key) the
 * request fails with 503 {@code unavailable}, is logged and counted in
 * {@code gateway.api_key.verification.failed{reason}}; only auth's 4xx means the key is refused (401).
 */
final class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    /** Versioned with the cached shape, so an entry written in an older shape is never read. */
    private static final String CACHE_PREFIX = "gateway:api-key:v2:";

    static final String FAILURES = "gateway.api_key.verification.failed";

    private final WebClient client;
    private final URI verifyUri;
    private final IdentityProperties properties;
    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Clock clock;

    ApiKeys(
            WebClient client,
            URI authService,
            IdentityProperties properties,
            ReactiveStringRedisTemplate redis,
            JsonMapper json,
            MeterRegistry meters,
            Clock clock) {
        this.client = client;
        this.verifyUri = URI.create(authService.toString().replaceAll("/+$", "") + properties.apiKeyVerifyPath());
        this.properties = properties;
        this.redis = redis;
        this.json = json;
        this.meters = meters;
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
                .filter(VerifiedKey::complete)
                .onErrorResume(failure -> {
                    log.atDebug().log("API key cache unreadable: {}", failure.toString());
                    return Mono.empty();
                });
    }

    private Mono<VerifiedKey> remember(String cacheKey, VerifiedKey verified) {
        return Mono.fromCallable(() -> json.writeValueAsString(verified))
                .flatMap(value -> redis.opsForValue().set(cacheKey, value, properties.apiKeyCacheTtl()))
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
                        return response.bodyToMono(byte[].class)
                                .defaultIfEmpty(new byte[0])
                                .flatMap(this::read);
                    }
                    if (response.statusCode().is4xxClientError()) {
                        return response.releaseBody().then(Mono.error(Unauthenticated.because("api key refused")));
                    }
                    var status = response.statusCode().value();
                    return response.releaseBody().then(Mono.error(unavailable("status", "answered " + status, null)));
                })
                .timeout(properties.authTimeout())
                .onErrorMap(
                        failure -> !(failure instanceof ResponseStatusException),
                        failure -> unavailable("unreachable", failure.toString(), failure));
    }

    /** Auth's 2xx answer, which must be a complete verified key: anything else is auth failing, not the key. */
    private Mono<VerifiedKey> read(byte[] body) {
        try {
            var answer = json.readValue(body, Answer.class);
            if (answer.data() != null && answer.data().complete()) {
                return Mono.just(answer.data());
            }
            return Mono.error(unavailable("unreadable", "answer without a complete key", null));
        } catch (RuntimeException unreadable) {
            return Mono.error(unavailable("unreadable", unreadable.getClass().getName(), unreadable));
        }
    }

    private ResponseStatusException unavailable(String reason, String detail, @Nullable Throwable cause) {
        meters.counter(FAILURES, "reason", reason).increment();
        if (reason.equals("unreadable")) {
            // A contract mismatch between gateway and auth: every API-key caller is refused until it is fixed.
            log.atWarn()
                    .addKeyValue("reason", reason)
                    .log("auth-service's API-key verification answer could not be read: {}", detail);
        } else {
            log.atWarn().addKeyValue("reason", reason).log("API-key verification failed: {}", detail);
        }
        return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, null, cause);
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
     * What auth-service says about a valid key: its {@code ApiKey.Verified} record. Also the shape cached in
     * Redis.
     *
     * @param keyId the key's id (not the secret)
     * @param orgId the organization the key acts for, and only ever for
     * @param scopes the permissions the key acts with
     * @param createdBy the user who created it
     * @param expiresAt when it stops working, if ever
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record VerifiedKey(
            UUID keyId,
            UUID orgId,
            @Nullable List<Permission> scopes,
            @Nullable UUID createdBy,
            @Nullable Instant expiresAt) {

        boolean expiredAt(Instant now) {
            return expiresAt != null && !expiresAt.isAfter(now);
        }

        /** No scopes is a key that may do nothing, never one that may do anything. */
        List<Permission> grantedScopes() {
            return scopes == null ? List.of() : scopes;
        }

        boolean complete() {
            // Components are declared non-null, but a decoded answer may still lack them.
            return keyId != null
                    && orgId != null
                    && grantedScopes().stream().allMatch(scope -> scope != null && scope.complete());
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Answer(@Nullable VerifiedKey data) {}
}
