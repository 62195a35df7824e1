package dev.tenantcore.core.authorization;

import dev.tenantcore.core.cache.Caches;
import dev.tenantcore.core.cache.TwoLevelCache;
import dev.tenantcore.core.tenancy.Tenancy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads access profiles from the database, cached per org and user in the two-level cache {@code authz} (see
 * {@link TwoLevelCache}): every membership, role or assignment change invalidates the org after commit, so a
 * change takes effect on every instance within a second.
 */
@Component
class AccessProfiles {

    private static final TypeReference<List<Permission>> PERMISSIONS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final Tenancy tenancy;
    private final JsonMapper json;
    private final TwoLevelCache cache;

    AccessProfiles(JdbcClient jdbc, Tenancy tenancy, JsonMapper json, Caches caches) {
        this.jdbc = jdbc;
        this.tenancy = tenancy;
        this.json = json;
        this.cache = caches.create("access-profiles", "authz", Duration.ofMinutes(10));
    }

    AccessProfile load(UUID orgId, UUID userId) {
        return cache.get(
                orgId,
                "profile:" + userId,
                AccessProfile.class,
                () -> tenancy.readCommitted(orgId, userId, () -> fromDatabase(orgId, userId)));
    }

    /**
     * Whether the org exists and is not deleted, for callers without a membership (API keys). Cached under the
     * org's epoch, which deleting an org increments.
     */
    boolean active(UUID orgId) {
        return cache.get(
                orgId,
                "active",
                Boolean.class,
                () -> tenancy.readCommitted(orgId, null, () -> activeInDatabase(orgId)));
    }

    private boolean activeInDatabase(UUID orgId) {
        return jdbc.sql("select count(*) from organizations where id = ? and deleted_at is null")
                        .param(orgId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void invalidateAfterCommit(UUID orgId) {
        cache.invalidateAfterCommit(orgId);
    }

    private AccessProfile fromDatabase(UUID orgId, UUID userId) {
        record Row(String scopeType, UUID scopeId, String role, boolean builtIn, String permissions) {}
        List<Row> rows = jdbc.sql("""
                        select 0 as rank, 'org' as scope_type, m.org_id as scope_id, r.name, r.built_in,
                            r.permissions::text
                        from memberships m
                        join roles r on r.id = m.role_id
                        join organizations o on o.id = m.org_id and o.deleted_at is null
                        where m.org_id = :org and m.user_id = :user
                        union all
                        select 1, a.scope_type, a.scope_id, r.name, r.built_in, r.permissions::text
                        from role_assignments a join roles r on r.id = a.role_id
                        where a.org_id = :org and a.user_id = :user
                        order by rank""")
                .param("org", orgId)
                .param("user", userId)
                .query((rs, n) -> new Row(
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getBoolean(5),
                        rs.getString(6)))
                .list();
        if (rows.isEmpty() || !rows.getFirst().scopeType().equals("org")) {
            return AccessProfile.NONE;
        }
        List<AccessProfile.ScopedRole> roles = new ArrayList<>();
        for (Row row : rows) {
            roles.add(new AccessProfile.ScopedRole(
                    row.scopeType(),
                    row.scopeId(),
                    row.role(),
                    row.builtIn() && BuiltInRoles.isBuiltIn(row.role())
                            ? BuiltInRoles.permissions(row.role())
                            : json.readValue(row.permissions(), PERMISSIONS)));
        }
        return new AccessProfile(true, rows.getFirst().role(), List.copyOf(roles));
    }
}
