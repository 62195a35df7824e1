package dev.tenantcore.core.warming.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.core.warming.CacheWarming;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Warms the organization and access-profile caches: {@code POST /internal/cache/warm?limit=<1..1000>} (default
 * 100) → {@code {data: {organizations, profiles}}}. Reached only with the service credential
 * ({@code X-Internal-Token}); never routed by the gateway.
 */
@RestController
class InternalCacheWarmingController {

    static final int DEFAULT_LIMIT = 100;

    private final CacheWarming warming;

    InternalCacheWarmingController(CacheWarming warming) {
        this.warming = warming;
    }

    @PostMapping("/internal/cache/warm")
    ApiResponse<CacheWarming.Warmed> warm(
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) @Max(CacheWarming.MAX_ORGANIZATIONS) int limit) {
        return ApiResponse.of(warming.warm(limit));
    }
}
