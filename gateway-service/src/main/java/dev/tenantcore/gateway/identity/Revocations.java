package dev.tenantcore.gateway.identity;

import dev.tenantcore.contracts.security.RevocationKeys;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The revocation list auth-service writes to Redis. Checked on every authenticated request, so a logout or
 * a revoked key acts at once: from memory while the {@link RevocationMirror} is trusted, otherwise in Redis. If
 * Redis cannot answer, the request fails with 503 (closed): a revoked credential must not slip through while the
 * list is unreadable.
 */
final class Revocations {

    private final ReactiveStringRedisTemplate redis;
    private final RevocationMirror mirror;

    Revocations(ReactiveStringRedisTemplate redis, RevocationMirror mirror) {
        this.redis = redis;
        this.mirror = mirror;
    }

    Mono<Void> requireSessionActive(String sessionId) {
        return requireAbsent(RevocationKeys.session(sessionId), "session revoked");
    }

    Mono<Void> requireApiKeyActive(String keyId) {
        return requireAbsent(RevocationKeys.apiKey(keyId), "api key revoked");
    }

    private Mono<Void> requireAbsent(String key, String reason) {
        if (mirror.trusted()) {
            return mirror.contains(key) ? Mono.error(Unauthenticated.because(reason)) : Mono.empty();
        }
        return redis.hasKey(key)
                // Off Lettuce's single event-loop thread, which completes every Redis command (see TokenBuckets).
                .publishOn(Schedulers.parallel())
                .onErrorMap(failure -> new ResponseStatusException(
                        HttpStatus.SERVICE_UNAVAILABLE, "revocation list unreadable", failure))
                .flatMap(revoked -> revoked ? Mono.error(Unauthenticated.because(reason)) : Mono.empty());
    }
}
