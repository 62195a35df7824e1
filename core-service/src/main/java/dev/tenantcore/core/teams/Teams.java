package dev.tenantcore.core.teams;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.contracts.events.core.CoreEventTypes;
import dev.tenantcore.contracts.events.core.TeamSnapshot;
import dev.tenantcore.core.audit.AuditTrail;
import dev.tenantcore.core.authorization.Authorization;
import dev.tenantcore.core.authorization.Grants;
import dev.tenantcore.core.authorization.RoleAssignment;
import dev.tenantcore.core.authorization.Roles;
import dev.tenantcore.core.authorization.ScopeMembers;
import dev.tenantcore.core.events.CoreEvents;
import dev.tenantcore.core.tenancy.Tenancy;
import dev.tenantcore.core.web.Caller;
import dev.tenantcore.core.web.ETags;
import dev.tenantcore.core.web.Page;
import dev.tenantcore.core.web.Paging;
import dev.tenantcore.core.web.Where;
import dev.tenantcore.support.web.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Teams and their members (team-scoped role assignments, which also cover the team's projects). */
@Component
public class Teams {

    private static final String COLUMNS = "id, org_id, name, description, created_by, created_at, updated_at, version";

    private final JdbcClient jdbc;
    private final Tenancy tenancy;
    private final Authorization authorization;
    private final Roles roles;
    private final ScopeMembers scopeMembers;
    private final AuditTrail audit;
    private final CoreEvents events;
    private final TeamProjects projects;

    Teams(
            JdbcClient jdbc,
            Tenancy tenancy,
            Authorization authorization,
            Roles roles,
            AuditTrail audit,
            CoreEvents events,
            TeamProjects projects,
            ScopeMembers scopeMembers) {
        this.jdbc = jdbc;
        this.tenancy = tenancy;
        this.authorization = authorization;
        this.roles = roles;
        this.audit = audit;
        this.events = events;
        this.projects = projects;
        this.scopeMembers = scopeMembers;
    }

    public Page<Team> list(
            Caller caller,
            UUID orgId,
            PageQuery page,
            @Nullable String name,
            @Nullable Instant createdFrom,
            @Nullable Instant createdTo) {
        Grants grants = authorization.requireListing(caller, orgId, "teams");
        String order = Paging.orderBy(
                page,
                Map.of("name", "name", "createdAt", "created_at", "updatedAt", "updated_at"),
                "created_at ASC, id");
        Where where = new Where()
                .and("org_id = ?", orgId)
                .andIf(Where.contains(name), "lower(name) like ?")
                .andIf(
                        createdFrom == null ? null : OffsetDateTime.ofInstant(createdFrom, java.time.ZoneOffset.UTC),
                        "created_at >= ?")
                .andIf(
                        createdTo == null ? null : OffsetDateTime.ofInstant(createdTo, java.time.ZoneOffset.UTC),
                        "created_at < ?");
        if (!grants.readsAll("teams")) {
            if (grants.teamIds().isEmpty()) {
                return new Page<>(java.util.List.of(), page, 0);
            }
            where.and("id = any(?::uuid[])", Where.uuidArray(grants.teamIds()));
        }
        return tenancy.inOrg(orgId, caller.userId(), () -> {
            long total = jdbc.sql("select count(*) from teams" + where.sql())
                    .params(where.params())
                    .query(Long.class)
                    .single();
            var items = jdbc.sql("select " + COLUMNS + " from teams" + where.sql() + " order by " + order + " limit "
                            + page.limit() + " offset " + page.offset())
                    .params(where.params())
                    .query(Teams::team)
                    .list();
            return new Page<>(items, page, total);
        });
    }

    public Team get(Caller caller, UUID orgId, UUID teamId) {
        authorization.require(caller, orgId, "read", "teams", Map.of("teamId", teamId));
        return tenancy.inOrg(orgId, caller.userId(), () -> find(orgId, teamId)).orElseThrow(Teams::notFound);
    }

    public Team create(Caller caller, UUID orgId, TeamRequest request) {
        UUID actor = caller.actorId();
        authorization.require(caller, orgId, "create", "teams");
        if (request.name() == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "name is required");
        }
        return tenancy.inOrg(orgId, caller.userId(), () -> {
            UUID id = UUID.randomUUID();
            jdbc.sql("insert into teams (id, org_id, name, description, created_by) values (?, ?, ?, ?, ?)")
                    .params(id, orgId, request.name().strip(), request.description(), actor)
                    .update();
            Team team = find(orgId, id).orElseThrow();
            audit.record(orgId, actor, CoreEventTypes.TEAM_CREATED, "team", id, null, team);
            events.publish(CoreEventTypes.TEAM_CREATED, orgId, actor, snapshot(team, false));
            return team;
        });
    }

    public Team update(Caller caller, UUID orgId, UUID teamId, TeamRequest request, @Nullable Long expectedVersion) {
        UUID actor = caller.actorId();
        return tenancy.inOrg(orgId, caller.userId(), () -> {
            Team before = readable(caller, orgId, teamId);
            authorization.require(caller, orgId, "update", "teams", attributes(before));
            int updated = jdbc.sql("""
                            update teams set name = coalesce(?, name), description = coalesce(?, description),
                                updated_at = now(), version = version + 1
                            where org_id = ? and id = ? and (?::bigint is null or version = ?::bigint)""")
                    .params(
                            request.name() == null ? null : request.name().strip(),
                            request.description(),
                            orgId,
                            teamId,
                            expectedVersion,
                            expectedVersion)
                    .update();
            if (updated == 0) {
                throw ETags.changed();
            }
            Team after = find(orgId, teamId).orElseThrow();
            audit.record(orgId, actor, CoreEventTypes.TEAM_UPDATED, "team", teamId, before, after);
            events.publish(CoreEventTypes.TEAM_UPDATED, orgId, actor, snapshot(after, false));
            return after;
        });
    }

    /** Deletes the team; its projects stay in the org without a team. */
    public void delete(Caller caller, UUID orgId, UUID teamId) {
        UUID actor = caller.actorId();
        tenancy.runInOrg(orgId, caller.userId(), () -> {
            Team before = readable(caller, orgId, teamId);
            authorization.require(caller, orgId, "delete", "teams", attributes(before));
            projects.detachAll(actor, orgId, teamId);
            roles.dropScope(orgId, "team", teamId);
            jdbc.sql("delete from teams where org_id = ? and id = ?")
                    .params(orgId, teamId)
                    .update();
            audit.record(orgId, actor, CoreEventTypes.TEAM_DELETED, "team", teamId, before, null);
            Team gone = new Team(
                    before.id(),
                    orgId,
                    before.name(),
                    before.description(),
                    before.createdBy(),
                    before.createdAt(),
                    Instant.now(),
                    before.version() + 1);
            events.publish(CoreEventTypes.TEAM_DELETED, orgId, actor, snapshot(gone, true));
        });
    }

    public Page<RoleAssignment> members(Caller.User caller, UUID orgId, UUID teamId, PageQuery page) {
        return scopeMembers.list(caller, orgId, scope(caller, orgId, teamId), page);
    }

    public RoleAssignment putMember(Caller.User caller, UUID orgId, UUID teamId, UUID userId, String role) {
        return scopeMembers.put(caller, orgId, scope(caller, orgId, teamId), userId, role);
    }

    public void removeMember(Caller.User caller, UUID orgId, UUID teamId, UUID userId) {
        scopeMembers.remove(caller, orgId, scope(caller, orgId, teamId), userId);
    }

    private ScopeMembers.Scope scope(Caller caller, UUID orgId, UUID teamId) {
        return new ScopeMembers.Scope("team", "teams", teamId, () -> attributes(readable(caller, orgId, teamId)));
    }

    /** The team if the caller may read it; otherwise 404 (403 would reveal it exists). */
    private Team readable(Caller caller, UUID orgId, UUID teamId) {
        // Membership first: nothing of an org is read for a caller outside it.
        authorization.requireMember(caller, orgId);
        Team team = find(orgId, teamId).orElseThrow(Teams::notFound);
        if (!authorization.allows(caller, orgId, "read", "teams", attributes(team))) {
            throw notFound();
        }
        return team;
    }

    private static Map<String, Object> attributes(Team team) {
        return Map.of("teamId", team.id(), "createdBy", team.createdBy());
    }

    private Optional<Team> find(UUID orgId, UUID teamId) {
        return jdbc.sql("select " + COLUMNS + " from teams where org_id = ? and id = ?")
                .params(orgId, teamId)
                .query(Teams::team)
                .optional();
    }

    private static TeamSnapshot snapshot(Team t, boolean deleted) {
        return new TeamSnapshot(
                t.id(),
                t.orgId(),
                t.name(),
                t.description(),
                t.createdBy(),
                t.createdAt(),
                t.updatedAt(),
                t.version(),
                deleted);
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "Team not found");
    }

    private static Team team(ResultSet rs, int n) throws SQLException {
        return new Team(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5, UUID.class),
                rs.getObject(6, OffsetDateTime.class).toInstant(),
                rs.getObject(7, OffsetDateTime.class).toInstant(),
                rs.getLong(8));
    }
}
