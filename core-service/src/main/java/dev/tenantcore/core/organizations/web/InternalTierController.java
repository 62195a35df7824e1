package dev.tenantcore.core.organizations.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.core.authorization.OrganizationNotFound;
import dev.tenantcore.core.organizations.Organizations;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organization's subscription tier for the gateway's rate limits: {@code GET /internal/organizations/{orgId}/tier}
 * → {@code {data: {tier}}}, 404 for an unknown or deleted org. Served from the organization cache. Reached only
 * with the service credential ({@code X-Internal-Token}); never routed by the gateway.
 */
@RestController
class InternalTierController {

    private final Organizations organizations;

    InternalTierController(Organizations organizations) {
        this.organizations = organizations;
    }

    @GetMapping("/internal/organizations/{orgId}/tier")
    ApiResponse<Tier> tier(@PathVariable UUID orgId) {
        return organizations
                .cached(orgId)
                .map(org -> ApiResponse.of(new Tier(org.subscriptionTier())))
                .orElseThrow(() -> OrganizationNotFound.of(orgId));
    }

    /** The tier's name: free, pro or enterprise. */
    record Tier(String tier) {}
}
