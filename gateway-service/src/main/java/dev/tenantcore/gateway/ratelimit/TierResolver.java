package dev.tenantcore.gateway.ratelimit;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The subscription tier of an organization. Tiers are not in access tokens (they change without a new
 * sign-in); today they come from configuration, later from core's internal API behind this interface.
 */
public interface TierResolver {

    /** The tier name ({@code free}, {@code pro}, {@code enterprise}); the default tier when {@code orgId} is null. */
    Mono<String> tierOf(@Nullable String orgId);
}
