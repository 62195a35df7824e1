package dev.tenantcore.gateway.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One scope of an API key: a permission as in core's RBAC, exactly as auth-service answers it
 * ({@code ApiKey.Permission}) and as the gateway forwards it in {@code X-Authenticated-Api-Key}.
 *
 * @param action {@code create}, {@code read}, {@code update} or {@code delete}
 * @param resource what the action applies to, e.g. {@code projects}
 * @param conditions attribute conditions, e.g. {@code {"owner": "$user"}}; auth-service does not issue them
 *     yet, and they are passed on when it does
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Permission(
        String action, String resource, @Nullable Map<String, Object> conditions) {

    /** False for a scope that is not a permission: such an answer is unreadable. */
    boolean complete() {
        // Components are declared non-null, but a decoded answer may still lack them.
        return action != null && !action.isBlank() && resource != null && !resource.isBlank();
    }
}
