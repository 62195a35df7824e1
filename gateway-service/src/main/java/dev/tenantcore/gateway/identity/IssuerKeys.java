package dev.tenantcore.gateway.identity;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * One issuer's public keys, downloaded from its JWKS and kept in memory. An unknown {@code kid} (a key
 * rotation, or a forgery) downloads the set again, but at most once per refresh interval: every request in
 * between shares the download in flight or its result.
 */
final class IssuerKeys {

    private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);

    private final URI jwksUri;
    private final WebClient client;
    private final IdentityProperties properties;
    private final Clock clock;

    private volatile KeySnapshot current = new KeySnapshot(new JWKSet(), Instant.EPOCH);
    private Instant lastDownload = Instant.EPOCH;
    private Mono<KeySnapshot> download = Mono.empty();

    IssuerKeys(URI jwksUri, WebClient client, IdentityProperties properties, Clock clock) {
        this.jwksUri = jwksUri;
        this.client = client;
        this.properties = properties;
        this.clock = clock;
    }

    /** The public key with this id, downloading the set again if it is unknown or old (within the rate). */
    Mono<JWK> key(String keyId) {
        var snapshot = current;
        var key = snapshot.find(keyId);
        if (key.isPresent() && !snapshot.olderThan(properties.jwksMaxAge(), clock.instant())) {
            return Mono.just(key.get());
        }
        return refreshed().defaultIfEmpty(snapshot).flatMap(fresh -> Mono.justOrEmpty(fresh.find(keyId)));
    }

    private synchronized Mono<KeySnapshot> refreshed() {
        var now = clock.instant();
        if (Duration.between(lastDownload, now).compareTo(properties.jwksRefreshInterval()) >= 0) {
            lastDownload = now;
            download = fetch().cache();
        }
        return download;
    }

    private Mono<KeySnapshot> fetch() {
        return client.get()
                .uri(jwksUri)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(properties.authTimeout())
                .map(this::parse)
                .doOnNext(snapshot -> current = snapshot)
                .onErrorResume(failure -> {
                    // Keep the keys we have: a blip at auth must not log every user out.
                    log.atWarn().addKeyValue("jwksUri", jwksUri).log("JWKS download failed: {}", failure.toString());
                    // With no keys at all, the truth is "auth is unreachable" (503), not "your token is bad" (401).
                    return current.isEmpty()
                            ? Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE))
                            : Mono.just(current);
                });
    }

    private KeySnapshot parse(String json) {
        try {
            // Public keys only, whatever the endpoint sends.
            return new KeySnapshot(JWKSet.parse(json).toPublicJWKSet(), clock.instant());
        } catch (ParseException e) {
            throw new IllegalStateException("Malformed JWKS", e);
        }
    }

    private record KeySnapshot(JWKSet keys, Instant fetchedAt) {

        boolean isEmpty() {
            return keys.isEmpty();
        }

        Optional<JWK> find(String keyId) {
            return Optional.ofNullable(keys.getKeyByKeyId(keyId));
        }

        boolean olderThan(Duration age, Instant now) {
            return fetchedAt.plus(age).isBefore(now);
        }
    }
}
