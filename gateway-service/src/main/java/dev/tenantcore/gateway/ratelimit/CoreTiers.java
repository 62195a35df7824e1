package dev.tenantcore.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.tenantcore.contracts.security.HeaderNames;
import dev.tenantcore.gateway.DownstreamServices;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

/**
 * The organization's subscription tier as core knows it ({@code GET /internal/organizations/{orgId}/tier}), kept
 * in process for {@code tier-cache-ttl} (default 60 s: a tier change applies to rate limits within a minute). A
 * fixed tier in {@code org-tiers} wins; an unknown org, a path segment that is not an org id, or no answer from
 * core in time ({@code tier-lookup-timeout}) gets the default tier. A failed lookup is remembered only for a few
 * seconds, so a core outage does not add a round trip to every request, nor pin a tier for long.
 */
@Component
class CoreTiers implements TierResolver {

    private static final Logger log = LoggerFactory.getLogger(CoreTiers.class);
    private static final Pattern TIER = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Duration FAILURE_TTL = Duration.ofSeconds(5);

    private final RateLimitProperties properties;
    private final WebClient core;
    private final String internalToken;
    private final MeterRegistry meters;
    private final AsyncCache<UUID, Tier> cache;

    CoreTiers(
            RateLimitProperties properties,
            DownstreamServices downstream,
            @Value("${tenantcore.gateway.identity.internal-token:local-internal-token}") String internalToken,
            MeterRegistry meters) {
        this.properties = properties;
        this.internalToken = internalToken;
        this.meters = meters;
        var timeout = properties.tierLookupTimeout();
        var http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .responseTimeout(timeout);
        this.core = WebClient.builder()
                .baseUrl(downstream.services().get("core-service").toString())
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
        this.cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfter(Expiry.<UUID, Tier>creating(
                        (org, tier) -> tier.known() ? properties.tierCacheTtl() : FAILURE_TTL))
                .buildAsync();
    }

    @Override
    public Mono<String> tierOf(@Nullable String orgId) {
        if (orgId == null) {
            return Mono.just(properties.defaultTier());
        }
        var fixed = properties.orgTiers().get(orgId);
        if (fixed != null) {
            return Mono.just(fixed);
        }
        UUID org;
        try {
            org = UUID.fromString(orgId);
        } catch (IllegalArgumentException notAnId) {
            return Mono.just(properties.defaultTier());
        }
        return Mono.fromFuture(() -> cache.get(org, (id, executor) -> lookUp(id).toFuture()))
                .map(tier -> tier.name() != null ? tier.name() : properties.defaultTier());
    }

    private Mono<Tier> lookUp(UUID org) {
        return core.get()
                .uri("/internal/organizations/{org}/tier", org)
                .header(HeaderNames.INTERNAL_TOKEN, internalToken)
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(body -> {
                    var tier = body.path("data").path("tier").asString("");
                    if (!TIER.matcher(tier).matches()) {
                        throw new IllegalStateException("core answered no tier");
                    }
                    count("found");
                    return new Tier(tier, true);
                })
                .onErrorResume(
                        WebClientResponseException.class,
                        e -> e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)
                                ? Mono.fromSupplier(() -> {
                                    count("unknown_org");
                                    return new Tier(null, true);
                                })
                                : Mono.error(e))
                .onErrorResume(failure -> {
                    count("failed");
                    log.warn("tier of org {} unknown, default tier applies: {}", org, failure.toString());
                    return Mono.just(new Tier(null, false));
                });
    }

    private void count(String outcome) {
        meters.counter("gateway.tier_lookups", "outcome", outcome).increment();
    }

    /**
     * A lookup's answer.
     *
     * @param name the tier, null for the default
     * @param known whether core answered (kept for the cache's lifetime) or not (kept a few seconds)
     */
    private record Tier(@Nullable String name, boolean known) {}
}
