package dev.tenantcore.core.export;

import dev.tenantcore.core.authorization.OrganizationNotFound;
import dev.tenantcore.core.tenancy.Tenancy;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes everything an org owns as NDJSON: one {@code {"type": ..., "data": {...}}} per line, types
 * organization, member, team, project, role and invitation. Secrets never leave: invitation token hashes
 * are not selected. Runs as the org in one read-only transaction, so row-level security applies and the
 * lines are a consistent snapshot.
 */
@Component
public class OrgExport {

    /** Postgres renders the timestamp as an ISO-8601 UTC instant. */
    private static String ts(String column) {
        return "to_char(" + column + " at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
    }

    /** Type to a query returning one JSON object per row (nulls stripped). */
    private static final Map<String, String> QUERIES = queries();

    private final JdbcClient jdbc;
    private final Tenancy tenancy;

    OrgExport(JdbcClient jdbc, Tenancy tenancy) {
        this.jdbc = jdbc;
        this.tenancy = tenancy;
    }

    /** Fails with 404 for an org that does not exist, before anything is written. */
    public void requireExists(UUID orgId) {
        boolean exists = tenancy.readCommitted(
                orgId,
                null,
                () -> jdbc.sql("select count(*) from organizations where id = ?")
                                .param(orgId)
                                .query(Long.class)
                                .single()
                        > 0);
        if (!exists) {
            throw OrganizationNotFound.of(orgId);
        }
    }

    /** Writes the org's lines to the stream; the caller closes it. */
    public void write(UUID orgId, OutputStream out) {
        tenancy.readCommitted(orgId, null, () -> {
            QUERIES.forEach((type, sql) -> {
                byte[] prefix = ("{\"type\":\"" + type + "\",\"data\":").getBytes(StandardCharsets.UTF_8);
                jdbc.sql(sql).param(orgId).query(rs -> {
                    try {
                        out.write(prefix);
                        out.write(rs.getString(1).getBytes(StandardCharsets.UTF_8));
                        out.write('}');
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            });
            return null;
        });
    }

    private static Map<String, String> queries() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("organization", """
                select json_strip_nulls(json_build_object('id', id, 'name', name, 'slug', slug,
                  'subscriptionTier', subscription_tier, 'createdBy', created_by, 'createdAt', %s,
                  'updatedAt', %s, 'deletedAt', %s, 'version', version))::text
                from organizations where id = ?""".formatted(ts("created_at"), ts("updated_at"), ts("deleted_at")));
        q.put("member", """
                select json_strip_nulls(json_build_object('userId', m.user_id, 'email', u.email,
                  'displayName', u.display_name, 'role', r.name, 'joinedAt', %s))::text
                from memberships m join users u on u.id = m.user_id join roles r on r.id = m.role_id
                where m.org_id = ? order by m.created_at, m.user_id""".formatted(ts("m.created_at")));
        q.put("team", """
                select json_strip_nulls(json_build_object('id', id, 'name', name, 'description', description,
                  'createdBy', created_by, 'createdAt', %s, 'updatedAt', %s, 'version', version))::text
                from teams where org_id = ? order by created_at, id""".formatted(ts("created_at"), ts("updated_at")));
        q.put("project", """
                select json_strip_nulls(json_build_object('id', id, 'teamId', team_id, 'name', name,
                  'description', description, 'createdBy', created_by, 'createdAt', %s, 'updatedAt', %s,
                  'version', version))::text
                from projects where org_id = ? order by created_at, id""".formatted(ts("created_at"), ts("updated_at")));
        q.put("role", """
                select json_strip_nulls(json_build_object('id', id, 'name', name, 'description', description,
                  'builtIn', built_in, 'permissions', permissions, 'createdAt', %s, 'updatedAt', %s,
                  'version', version))::text
                from roles where org_id = ? order by created_at, name""".formatted(ts("created_at"), ts("updated_at")));
        q.put("invitation", """
                select json_strip_nulls(json_build_object('id', i.id, 'email', i.email, 'role', r.name,
                  'status', i.status, 'invitedBy', i.invited_by, 'expiresAt', %s, 'createdAt', %s,
                  'acceptedAt', %s, 'acceptedBy', i.accepted_by))::text
                from invitations i join roles r on r.id = i.role_id
                where i.org_id = ? order by i.created_at, i.id""".formatted(ts("i.expires_at"), ts("i.created_at"), ts("i.accepted_at")));
        return Collections.unmodifiableMap(q);
    }
}
