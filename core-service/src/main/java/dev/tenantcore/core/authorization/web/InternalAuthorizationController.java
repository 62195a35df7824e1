package dev.tenantcore.core.authorization.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.core.authorization.Authorization;
import dev.tenantcore.core.authorization.Grants;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Decisions for other services (auth-service for API keys, search-service for filtering). Reached only
 * with the service credential ({@code X-Internal-Token}); never routed by the gateway.
 */
@RestController
@RequestMapping("/internal/authz")
class InternalAuthorizationController {

    private final Authorization authorization;

    InternalAuthorizationController(Authorization authorization) {
        this.authorization = authorization;
    }

    /** Whether the user may perform the action on the resource in the org. */
    @PostMapping("/check")
    ApiResponse<Decision> check(@Valid @RequestBody CheckRequest request) {
        Map<String, Object> attributes = request.attributes() == null ? Map.of() : request.attributes();
        boolean allowed = authorization.allows(
                request.userId(), request.orgId(), request.action(), request.resource(), attributes);
        return ApiResponse.of(new Decision(allowed));
    }

    /** What the user may read in the org. */
    @GetMapping("/grants")
    ApiResponse<Grants> grants(@RequestParam UUID userId, @RequestParam UUID orgId) {
        return ApiResponse.of(authorization.grants(userId, orgId));
    }

    /**
     * @param userId the acting user
     * @param orgId the org
     * @param action create, read, update or delete
     * @param resource the resource type, e.g. api_keys (api-keys is the same), jobs, reports, exports
     * @param attributes attributes of the resource for conditions, e.g. {@code createdBy}, {@code projectId},
     *     {@code teamId}
     */
    record CheckRequest(
            @NotNull UUID userId,
            @NotNull UUID orgId,

            @NotNull @Pattern(regexp = "create|read|update|delete")
            String action,

            @NotNull @Pattern(regexp = "[a-z][a-z_-]{0,49}") String resource,
            @Nullable @Size(max = 20) Map<String, Object> attributes) {}

    /** @param allowed whether the action is allowed */
    record Decision(boolean allowed) {}
}
