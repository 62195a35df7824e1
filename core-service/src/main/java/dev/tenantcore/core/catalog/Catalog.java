package dev.tenantcore.core.catalog;

import dev.tenantcore.contracts.events.core.OrganizationSnapshot;
import dev.tenantcore.contracts.events.core.ProjectSnapshot;
import dev.tenantcore.contracts.events.core.TeamSnapshot;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Live aggregates of every org, ordered by id, as the snapshots core publishes for them: organizations not
 * deleted, and the teams and projects of those organizations. Keyset-paged: a page holds those with an id
 * after {@code after} (all when null), at most {@code limit}; an empty page ends the listing.
 */
@Component
public class Catalog {

    public static final int MAX_LIMIT = 1_000;

    private final CatalogDatabase database;

    Catalog(CatalogDatabase database) {
        this.database = database;
    }

    public List<OrganizationSnapshot> organizations(@Nullable UUID after, int limit) {
        return page("""
                select o.id, o.name, o.slug, o.subscription_tier, o.created_at, o.updated_at, o.version
                from organizations o where o.deleted_at is null""", "o.id", after, limit, Catalog::organization);
    }

    public List<TeamSnapshot> teams(@Nullable UUID after, int limit) {
        return page("""
                select t.id, t.org_id, t.name, t.description, t.created_by, t.created_at, t.updated_at, t.version
                from teams t join organizations o on o.id = t.org_id where o.deleted_at is null""", "t.id", after, limit, Catalog::team);
    }

    public List<ProjectSnapshot> projects(@Nullable UUID after, int limit) {
        return page("""
                select p.id, p.org_id, p.team_id, p.name, p.description, p.created_by, p.created_at, p.updated_at,
                  p.version
                from projects p join organizations o on o.id = p.org_id where o.deleted_at is null""", "p.id", after, limit, Catalog::project);
    }

    private <T> List<T> page(String select, String id, @Nullable UUID after, int limit, RowMapper<T> rows) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        // Two statements rather than "? is null or id > ?", so the plan is always a range scan of the key.
        String sql = select + (after == null ? "" : " and " + id + " > ?") + " order by " + id + " limit " + limit;
        return database.read(jdbc -> {
            var statement = jdbc.sql(sql);
            return (after == null ? statement : statement.param(after))
                    .query(rows)
                    .list();
        });
    }

    private static OrganizationSnapshot organization(ResultSet rs, int n) throws SQLException {
        return new OrganizationSnapshot(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                instant(rs, 5),
                instant(rs, 6),
                null,
                rs.getLong(7));
    }

    private static TeamSnapshot team(ResultSet rs, int n) throws SQLException {
        return new TeamSnapshot(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5, UUID.class),
                instant(rs, 6),
                instant(rs, 7),
                rs.getLong(8),
                false);
    }

    private static ProjectSnapshot project(ResultSet rs, int n) throws SQLException {
        return new ProjectSnapshot(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getString(5),
                rs.getObject(6, UUID.class),
                instant(rs, 7),
                instant(rs, 8),
                rs.getLong(9),
                false);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
