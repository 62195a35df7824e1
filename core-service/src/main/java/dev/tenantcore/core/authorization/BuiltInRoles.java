package dev.tenantcore.core.authorization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The roles every org starts with. Their permissions are fixed; orgs add custom roles beside them. */
public final class BuiltInRoles {

    public static final String OWNER = "owner";
    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";
    public static final String VIEWER = "viewer";

    /** The resource types the service knows; a grant of {@code *} expands to these. */
    public static final List<String> RESOURCES = List.of(
            "organization",
            "members",
            "invitations",
            "teams",
            "projects",
            "roles",
            "audit-log",
            "api_keys",
            "usage",
            "jobs",
            "reports",
            "exports",
            "ownership");

    private static final Map<String, String> CREATED_BY_ME = Map.of("createdBy", Permission.USER);

    static final Map<String, List<Permission>> PERMISSIONS = definitions();

    private BuiltInRoles() {}

    public static boolean isBuiltIn(String name) {
        return PERMISSIONS.containsKey(name);
    }

    public static Set<String> names() {
        return PERMISSIONS.keySet();
    }

    /**
     * The fixed permissions of a built-in role. Decisions use these rather than the copy stored with the
     * org's role, so orgs created before a change of the built-ins get it too.
     */
    public static List<Permission> permissions(String name) {
        List<Permission> permissions = PERMISSIONS.get(name);
        if (permissions == null) {
            throw new IllegalArgumentException("not a built-in role: " + name);
        }
        return permissions;
    }

    private static Map<String, List<Permission>> definitions() {
        List<Permission> viewer = List.of(
                Permission.of("read", "organization"),
                Permission.of("read", "members"),
                Permission.of("read", "teams"),
                Permission.of("read", "projects"),
                Permission.of("read", "roles"),
                Permission.of("read", "usage"),
                Permission.of("read", "jobs"),
                Permission.of("read", "reports"));
        var member = new java.util.ArrayList<>(viewer);
        member.addAll(List.of(
                Permission.of("create", "projects"),
                Permission.of("update", "projects", CREATED_BY_ME),
                Permission.of("delete", "projects", CREATED_BY_ME),
                Permission.of("create", "reports"),
                Permission.of("create", "exports"),
                Permission.of("read", "exports"),
                Permission.of("create", "api_keys"),
                Permission.of("read", "api_keys", CREATED_BY_ME),
                Permission.of("update", "api_keys", CREATED_BY_ME),
                Permission.of("delete", "api_keys", CREATED_BY_ME)));
        List<Permission> admin = List.of(
                Permission.of("read", "*"),
                Permission.of("update", "organization"),
                Permission.of("*", "members"),
                Permission.of("*", "invitations"),
                Permission.of("*", "teams"),
                Permission.of("*", "projects"),
                Permission.of("*", "roles"),
                Permission.of("*", "api_keys"),
                Permission.of("*", "jobs"),
                Permission.of("*", "reports"),
                Permission.of("*", "exports"));
        Map<String, List<Permission>> roles = new LinkedHashMap<>();
        // Only owners hold "ownership": deleting the org, and granting or taking the owner role.
        roles.put(OWNER, List.of(Permission.of("*", "*")));
        roles.put(ADMIN, admin);
        roles.put(MEMBER, List.copyOf(member));
        roles.put(VIEWER, viewer);
        return Map.copyOf(roles);
    }
}
