package dev.tenantcore.auth.apikeys.web;

import dev.tenantcore.auth.apikeys.ApiKey;
import dev.tenantcore.auth.apikeys.ApiKeys;
import dev.tenantcore.auth.audit.RequestOrigin;
import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** An organization's API keys, and the gateway's internal verification of a presented key. */
@RestController
class ApiKeyController {

    private final ApiKeys apiKeys;

    ApiKeyController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    record Scope(
            @NotBlank @Pattern(regexp = "create|read|update|delete")
            String action,

            @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z][a-z0-9_.:-]*")
            String resource) {}

    record CreateRequest(
            @NotBlank @Size(max = 100) String name,
            @NotNull @Size(max = 50) List<@Valid @NotNull Scope> scopes,
            @Nullable Instant expiresAt) {}

    record VerifyRequest(@NotBlank @Size(max = 200) String key) {}

    @Operation(summary = "Create an API key; the secret is in this answer only")
    @PostMapping("/api/v1/orgs/{orgId}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<ApiKey.WithSecret> create(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable UUID orgId,
            @Valid @RequestBody CreateRequest body,
            HttpServletRequest request) {
        var scopes = body.scopes().stream()
                .map(s -> new ApiKey.Permission(s.action(), s.resource()))
                .toList();
        return ApiResponse.of(
                apiKeys.create(orgId, user(jwt), body.name(), scopes, body.expiresAt(), RequestOrigin.of(request)));
    }

    @Operation(summary = "The organization's API keys, newest first (no secrets)")
    @GetMapping("/api/v1/orgs/{orgId}/api-keys")
    ApiResponse<List<ApiKey>> list(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable UUID orgId,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int limit) {
        var result = apiKeys.list(orgId, user(jwt), new PageQuery(page, limit, null));
        return ApiResponse.page(result.items(), result.meta());
    }

    @Operation(summary = "Give the key a new secret; the old one works for the overlap window")
    @PostMapping("/api/v1/orgs/{orgId}/api-keys/{keyId}/rotate")
    ApiResponse<ApiKey.WithSecret> rotate(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable UUID orgId,
            @PathVariable UUID keyId,
            HttpServletRequest request) {
        return ApiResponse.of(apiKeys.rotate(orgId, user(jwt), keyId, RequestOrigin.of(request)));
    }

    @Operation(summary = "Revoke the key at once")
    @DeleteMapping("/api/v1/orgs/{orgId}/api-keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable UUID orgId,
            @PathVariable UUID keyId,
            HttpServletRequest request) {
        apiKeys.revoke(orgId, user(jwt), keyId, RequestOrigin.of(request));
    }

    @Operation(summary = "Gateway: verify a presented API key (service credential)")
    @PostMapping("/internal/api-keys/verify")
    ApiResponse<ApiKey.Verified> verify(@Valid @RequestBody VerifyRequest body) {
        return ApiResponse.of(apiKeys.verify(body.key())
                .orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED, "The API key is not valid")));
    }

    private static UUID user(Jwt jwt) {
        return UUID.fromString(jwt.getSubject());
    }
}
