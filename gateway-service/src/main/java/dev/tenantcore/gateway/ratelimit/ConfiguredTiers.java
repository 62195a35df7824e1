package dev.tenantcore.gateway.ratelimit;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Tiers from {@code tenantcore.gateway.rate-limit.org-tiers}, else the default tier. */
@Component
class ConfiguredTiers implements TierResolver {

    private final RateLimitProperties properties;

    ConfiguredTiers(RateLimitProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<String> tierOf(@Nullable String orgId) {
        var tier = orgId == null ? null : properties.orgTiers().get(orgId);
        return Mono.just(tier != null ? tier : properties.defaultTier());
    }
}
