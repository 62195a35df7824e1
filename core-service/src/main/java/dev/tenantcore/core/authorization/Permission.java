package dev.tenantcore.core.authorization;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a role allows: an action on a resource type, optionally only where every condition holds. A condition
 * compares an attribute of the resource (e.g. {@code createdBy}) with a value; {@code $user} stands for the
 * caller's id. {@code *} matches any action or resource.
 *
 * @param action create, read, update, delete or *
 * @param resource a resource type (organization, members, invitations, teams, projects, roles, audit-log,
 *     api_keys, usage, jobs, reports, exports, ...) or *; {@code api-keys} is accepted as {@code api_keys}
 * @param conditions attribute name to required value; absent or empty for none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Permission(
        @NotNull
        @Pattern(regexp = "create|read|update|delete|\\*", message = "must be create, read, update, delete or *")
        String action,

        @NotNull @Pattern(regexp = "\\*|[a-z][a-z_-]{0,49}", message = "must be a resource type such as projects, or *")
        String resource,

        @Nullable @Size(max = 10)
        Map<@Pattern(regexp = "[a-zA-Z][a-zA-Z0-9]{0,49}") String, @Size(max = 200) String> conditions) {

    public static final String USER = "$user";

    public Permission {
        resource = resource == null ? null : canonicalResource(resource);
        conditions = conditions == null ? Map.of() : Map.copyOf(conditions);
    }

    public static Permission of(String action, String resource) {
        return new Permission(action, resource, Map.of());
    }

    public static Permission of(String action, String resource, Map<String, String> conditions) {
        return new Permission(action, resource, conditions);
    }

    public boolean covers(String action, String resource) {
        return (this.action.equals("*") || this.action.equals(action))
                && (this.resource.equals("*") || this.resource.equals(canonicalResource(resource)));
    }

    /** The one name of a resource type: auth-service says {@code api_keys}, older roles said {@code api-keys}. */
    public static String canonicalResource(String resource) {
        return resource.equals("api-keys") ? "api_keys" : resource;
    }

    /** Whether every condition holds for the resource's attributes and the caller. */
    public boolean holdsFor(Map<String, ?> attributes, UUID caller) {
        for (var condition : conditions().entrySet()) {
            String expected = USER.equals(condition.getValue()) ? caller.toString() : condition.getValue();
            Object actual = attributes.get(condition.getKey());
            if (actual == null || !expected.equals(actual.toString())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Map<String, String> conditions() {
        return conditions == null ? Map.of() : conditions;
    }
}
