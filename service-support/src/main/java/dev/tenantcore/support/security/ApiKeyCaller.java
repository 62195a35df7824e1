package dev.tenantcore.support.security;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A program calling with an organization API key, as the gateway verified it.
 *
 * <p>The gateway checks the secret with auth-service and forwards the request with the key's identity in
 * {@code X-Authenticated-Api-Key} ({@code {"keyId","orgId","scopes":[{"action","resource","conditions"?}]}})
 * and the service credential in {@code X-Internal-Token}; it removes both headers from what clients send.
 * A service accepts the assertion only together with the credential, on the paths listed in
 * {@code tenantcore.security.api-key-paths} (everywhere else an API key is refused with 403), and then
 * authorizes each request itself with {@link #permits}. The caller is the request's principal, so a
 * controller can take it as {@code @AuthenticationPrincipal @Nullable ApiKeyCaller key} or ask
 * {@link #current()}.
 *
 * @param keyId the key's id (never its secret)
 * @param orgId the one organization the key acts for
 * @param scopes the permissions the key was given; auth-service allows only exact actions
 *     ({@code create|read|update|delete}) and resources, no wildcards
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiKeyCaller(UUID keyId, UUID orgId, List<Permission> scopes) {

    /** The authority of every API-key caller, for rules such as {@code hasRole("API_KEY")}. */
    public static final String AUTHORITY = "ROLE_API_KEY";

    public ApiKeyCaller {
        if (keyId == null || orgId == null) {
            throw new IllegalArgumentException("an API key needs its id and organization");
        }
        // No scopes is a key that may do nothing, never one that may do anything.
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** The API key calling in the current request, or empty for a user, a service or an anonymous caller. */
    public static Optional<ApiKeyCaller> current() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ApiKeyCaller caller
                ? Optional.of(caller)
                : Optional.empty();
    }

    /**
     * Whether the key may do {@code action} on {@code resource} in {@code orgId}: only in its own organization,
     * and only with a scope naming exactly that action and resource. A scope with conditions never counts
     * here, since they cannot be checked without the resource's attributes.
     */
    public boolean permits(UUID orgId, String action, String resource) {
        return this.orgId.equals(orgId)
                && scopes.stream()
                        .anyMatch(scope -> scope.conditions() == null
                                && scope.action().equals(action)
                                && scope.resource().equals(resource));
    }

    /**
     * A permission as in core's RBAC.
     *
     * @param action {@code create}, {@code read}, {@code update} or {@code delete}
     * @param resource what the action applies to, e.g. {@code projects}
     * @param conditions attribute conditions, e.g. {@code {"owner": "$user"}}; auth-service issues none yet
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Permission(
            String action, String resource, @Nullable Map<String, Object> conditions) {

        public Permission {
            if (action == null || action.isBlank() || resource == null || resource.isBlank()) {
                throw new IllegalArgumentException("a permission needs an action and a resource");
            }
            conditions = conditions == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
        }

        public static Permission of(String action, String resource) {
            return new Permission(action, resource, null);
        }
    }
}
