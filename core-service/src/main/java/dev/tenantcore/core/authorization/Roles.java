package dev.tenantcore.core.authorization;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.contracts.events.core.CoreEventTypes;
import dev.tenantcore.contracts.events.core.RoleAssignmentChanged;
import dev.tenantcore.contracts.events.core.RoleChanged;
import dev.tenantcore.core.audit.AuditTrail;
import dev.tenantcore.core.events.CoreEvents;
import dev.tenantcore.core.tenancy.Tenancy;
import dev.tenantcore.core.web.ETags;
import dev.tenantcore.core.web.Page;
import dev.tenantcore.core.web.Paging;
import dev.tenantcore.support.web.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Roles of an org (built-in and custom) and role assignments at org, team and project scope. */
@Component
public class Roles {

    private static final TypeReference<List<Permission>> PERMISSIONS = new TypeReference<>() {};
    private static final TypeReference<List<Map<String, Object>>> MAPS = new TypeReference<>() {};
    private static final String COLUMNS =
            "id, org_id, name, description, built_in, permissions::text, created_at, updated_at, version";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Tenancy tenancy;
    private final Authorization authorization;
    private final AuditTrail audit;
    private final CoreEvents events;

    Roles(
            JdbcClient jdbc,
            JsonMapper json,
            Tenancy tenancy,
            Authorization authorization,
            AuditTrail audit,
            CoreEvents events) {
        this.jdbc = jdbc;
        this.json = json;
        this.tenancy = tenancy;
        this.authorization = authorization;
        this.audit = audit;
        this.events = events;
    }

    /** Creates the built-in roles of a new org, inside its creating transaction; returns name to id. */
    public Map<String, UUID> seedBuiltIns(UUID orgId) {
        Map<String, UUID> ids = new HashMap<>();
        BuiltInRoles.PERMISSIONS.forEach((name, permissions) -> {
            UUID id = UUID.randomUUID();
            jdbc.sql("insert into roles (id, org_id, name, built_in, permissions) values (?, ?, ?, true, ?::jsonb)")
                    .params(id, orgId, name, json.writeValueAsString(permissions))
                    .update();
            ids.put(name, id);
        });
        return ids;
    }

    /** A role by name inside the current transaction, or 400 for a name the org does not have. */
    public Role byName(UUID orgId, String name) {
        return jdbc.sql("select " + COLUMNS + " from roles where org_id = ? and name = ?")
                .params(orgId, name)
                .query(this::role)
                .optional()
                .orElseThrow(() -> new ApiException(ErrorCode.VALIDATION_FAILED, "Unknown role"));
    }

    public Page<Role> list(UUID actor, UUID orgId, PageQuery page) {
        authorization.require(actor, orgId, "read", "roles");
        String order = Paging.orderBy(page, Map.of("name", "name", "createdAt", "created_at"), "built_in DESC, name");
        return tenancy.inOrg(orgId, actor, () -> {
            long total = jdbc.sql("select count(*) from roles where org_id = ?")
                    .param(orgId)
                    .query(Long.class)
                    .single();
            return new Page<>(
                    jdbc.sql("select " + COLUMNS + " from roles where org_id = ? order by " + order
                                    + " limit ? offset ?")
                            .params(orgId, page.limit(), page.offset())
                            .query(this::role)
                            .list(),
                    page,
                    total);
        });
    }

    public Role get(UUID actor, UUID orgId, UUID roleId) {
        authorization.require(actor, orgId, "read", "roles");
        return tenancy.inOrg(orgId, actor, () -> find(orgId, roleId)).orElseThrow(() -> roleNotFound());
    }

    public Role create(UUID actor, UUID orgId, RoleRequest request) {
        authorization.require(actor, orgId, "create", "roles");
        authorization.requireHoldsAll(actor, orgId, request.permissions());
        rejectBuiltInName(request.name());
        return tenancy.inOrg(orgId, actor, () -> {
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                            insert into roles (id, org_id, name, description, built_in, permissions)
                            values (?, ?, ?, ?, false, ?::jsonb)""")
                    .params(id, orgId, request.name(), request.description(), permissionsJson(request.permissions()))
                    .update();
            Role role = find(orgId, id).orElseThrow();
            audit.record(orgId, actor, CoreEventTypes.ROLE_CREATED, "role", id, null, role);
            events.publish(CoreEventTypes.ROLE_CREATED, orgId, actor, changed(role));
            return role;
        });
    }

    public Role update(UUID actor, UUID orgId, UUID roleId, RoleRequest request, @Nullable Long expectedVersion) {
        authorization.require(actor, orgId, "update", "roles");
        authorization.requireHoldsAll(actor, orgId, request.permissions());
        return tenancy.inOrg(orgId, actor, () -> {
            Role before = find(orgId, roleId).orElseThrow(() -> roleNotFound());
            if (before.builtIn()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "Built-in roles cannot be changed");
            }
            if (!before.name().equals(request.name())) {
                rejectBuiltInName(request.name());
            }
            int updated = jdbc.sql("""
                            update roles set name = ?, description = ?, permissions = ?::jsonb, updated_at = now(),
                                version = version + 1
                            where org_id = ? and id = ? and (?::bigint is null or version = ?::bigint)""")
                    .params(
                            request.name(),
                            request.description(),
                            permissionsJson(request.permissions()),
                            orgId,
                            roleId,
                            expectedVersion,
                            expectedVersion)
                    .update();
            if (updated == 0) {
                throw ETags.changed();
            }
            Role after = find(orgId, roleId).orElseThrow();
            audit.record(orgId, actor, CoreEventTypes.ROLE_UPDATED, "role", roleId, before, after);
            events.publish(CoreEventTypes.ROLE_UPDATED, orgId, actor, changed(after));
            authorization.invalidateAfterCommit(orgId);
            return after;
        });
    }

    public void delete(UUID actor, UUID orgId, UUID roleId) {
        authorization.require(actor, orgId, "delete", "roles");
        tenancy.runInOrg(orgId, actor, () -> {
            Role before = find(orgId, roleId).orElseThrow(() -> roleNotFound());
            if (before.builtIn()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "Built-in roles cannot be deleted");
            }
            long uses = jdbc.sql("""
                            select (select count(*) from memberships where org_id = :org and role_id = :role)
                                 + (select count(*) from role_assignments where org_id = :org and role_id = :role)
                                 + (select count(*) from invitations where org_id = :org and role_id = :role
                                    and status = 'pending')""")
                    .param("org", orgId)
                    .param("role", roleId)
                    .query(Long.class)
                    .single();
            if (uses > 0) {
                throw ApiException.conflict("The role is still assigned; reassign its holders first");
            }
            jdbc.sql("delete from roles where org_id = ? and id = ?")
                    .params(orgId, roleId)
                    .update();
            audit.record(orgId, actor, CoreEventTypes.ROLE_DELETED, "role", roleId, before, null);
            events.publish(CoreEventTypes.ROLE_DELETED, orgId, actor, changed(before));
            authorization.invalidateAfterCommit(orgId);
        });
    }

    /**
     * Binds a role to a member at a team or project scope (replacing a role they held there), inside the
     * caller's transaction. The caller must be allowed to manage {@code resource} there and hold the role's
     * permissions themselves.
     */
    public RoleAssignment assign(UUID actor, UUID orgId, UUID userId, String roleName, String scopeType, UUID scopeId) {
        Role role = byName(orgId, roleName);
        authorization.requireHoldsAll(actor, orgId, role.permissions());
        boolean member = jdbc.sql("select count(*) from memberships where org_id = ? and user_id = ?")
                        .params(orgId, userId)
                        .query(Long.class)
                        .single()
                > 0;
        if (!member) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The user is not a member of this organization");
        }
        jdbc.sql("""
                        insert into role_assignments (id, org_id, user_id, role_id, scope_type, scope_id)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (org_id, scope_type, scope_id, user_id) do update set role_id = excluded.role_id""")
                .params(UUID.randomUUID(), orgId, userId, role.id(), scopeType, scopeId)
                .update();
        RoleAssignment assignment =
                findAssignment(orgId, scopeType, scopeId, userId).orElseThrow();
        audit.record(orgId, actor, CoreEventTypes.ROLE_ASSIGNED, scopeType + "-member", userId, null, assignment);
        events.publish(CoreEventTypes.ROLE_ASSIGNED, orgId, actor, assignmentChanged(orgId, assignment));
        authorization.invalidateAfterCommit(orgId);
        return assignment;
    }

    /** Removes a user's role at a scope inside the caller's transaction; false when there was none. */
    public boolean unassign(UUID actor, UUID orgId, UUID userId, String scopeType, UUID scopeId) {
        Optional<RoleAssignment> existing = findAssignment(orgId, scopeType, scopeId, userId);
        if (existing.isEmpty()) {
            return false;
        }
        jdbc.sql("delete from role_assignments where org_id = ? and id = ?")
                .params(orgId, existing.get().id())
                .update();
        audit.record(orgId, actor, CoreEventTypes.ROLE_UNASSIGNED, scopeType + "-member", userId, existing.get(), null);
        events.publish(CoreEventTypes.ROLE_UNASSIGNED, orgId, actor, assignmentChanged(orgId, existing.get()));
        authorization.invalidateAfterCommit(orgId);
        return true;
    }

    /** Assignments at one scope, inside the caller's transaction. */
    public Page<RoleAssignment> assignments(UUID orgId, String scopeType, UUID scopeId, PageQuery page) {
        long total = jdbc.sql(
                        "select count(*) from role_assignments where org_id = ? and scope_type = ? and scope_id = ?")
                .params(orgId, scopeType, scopeId)
                .query(Long.class)
                .single();
        return new Page<>(
                jdbc.sql(ASSIGNMENT_QUERY + " order by u.email, a.id limit ? offset ?")
                        .params(orgId, scopeType, scopeId, page.limit(), page.offset())
                        .query(Roles::assignment)
                        .list(),
                page,
                total);
    }

    /** Removes every assignment at a scope whose object is being deleted, inside the caller's transaction. */
    public void dropScope(UUID orgId, String scopeType, UUID scopeId) {
        int removed = jdbc.sql("delete from role_assignments where org_id = ? and scope_type = ? and scope_id = ?")
                .params(orgId, scopeType, scopeId)
                .update();
        if (removed > 0) {
            authorization.invalidateAfterCommit(orgId);
        }
    }

    private static final String ASSIGNMENT_QUERY = """
            select a.id, a.user_id, u.email, u.display_name, a.role_id, r.name, a.scope_type, a.scope_id, a.created_at
            from role_assignments a join users u on u.id = a.user_id join roles r on r.id = a.role_id
            where a.org_id = ? and a.scope_type = ? and a.scope_id = ?""";

    private Optional<RoleAssignment> findAssignment(UUID orgId, String scopeType, UUID scopeId, UUID userId) {
        return jdbc.sql(ASSIGNMENT_QUERY + " and a.user_id = ?")
                .params(orgId, scopeType, scopeId, userId)
                .query(Roles::assignment)
                .optional();
    }

    private static RoleAssignment assignment(ResultSet rs, int n) throws SQLException {
        return new RoleAssignment(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5, UUID.class),
                rs.getString(6),
                rs.getString(7),
                rs.getObject(8, UUID.class),
                rs.getObject(9, OffsetDateTime.class).toInstant());
    }

    private static RoleAssignmentChanged assignmentChanged(UUID orgId, RoleAssignment a) {
        return new RoleAssignmentChanged(a.id(), orgId, a.userId(), a.roleId(), a.role(), a.scopeType(), a.scopeId());
    }

    private Optional<Role> find(UUID orgId, UUID roleId) {
        return jdbc.sql("select " + COLUMNS + " from roles where org_id = ? and id = ?")
                .params(orgId, roleId)
                .query(this::role)
                .optional();
    }

    private RoleChanged changed(Role role) {
        return new RoleChanged(
                role.id(),
                role.orgId(),
                role.name(),
                json.readValue(json.writeValueAsString(role.permissions()), MAPS),
                role.version());
    }

    private String permissionsJson(List<Permission> permissions) {
        return json.writeValueAsString(permissions);
    }

    private static void rejectBuiltInName(String name) {
        if (BuiltInRoles.isBuiltIn(name)) {
            throw ApiException.conflict("A built-in role has this name");
        }
    }

    private static ApiException roleNotFound() {
        return ApiException.notFound("Role");
    }

    private Role role(ResultSet rs, int n) throws SQLException {
        return new Role(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getBoolean(5),
                rs.getBoolean(5) && BuiltInRoles.isBuiltIn(rs.getString(3))
                        ? BuiltInRoles.permissions(rs.getString(3))
                        : json.readValue(rs.getString(6), PERMISSIONS),
                rs.getObject(7, OffsetDateTime.class).toInstant(),
                rs.getObject(8, OffsetDateTime.class).toInstant(),
                rs.getLong(9));
    }
}
