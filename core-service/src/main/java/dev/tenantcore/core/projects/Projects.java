package dev.tenantcore.core.projects;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.contracts.events.core.CoreEventTypes;
import dev.tenantcore.contracts.events.core.ProjectSnapshot;
import dev.tenantcore.core.audit.AuditTrail;
import dev.tenantcore.core.authorization.Authorization;
import dev.tenantcore.core.authorization.Grants;
import dev.tenantcore.core.authorization.RoleAssignment;
import dev.tenantcore.core.authorization.Roles;
import dev.tenantcore.core.authorization.ScopeMembers;
import dev.tenantcore.core.events.CoreEvents;
import dev.tenantcore.core.organizations.Organizations;
import dev.tenantcore.core.teams.TeamProjects;
import dev.tenantcore.core.tenancy.Tenancy;
import dev.tenantcore.core.web.Caller;
import dev.tenantcore.core.web.ETags;
import dev.tenantcore.core.web.Page;
import dev.tenantcore.core.web.Paging;
import dev.tenantcore.core.web.Where;
import dev.tenantcore.support.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Projects and their members (project-scoped role assignments). */
@Component
public class Projects implements TeamProjects {

    private static final String COLUMNS =
            "id, org_id, team_id, name, description, created_by, created_at, updated_at, version";

    private final JdbcClient jdbc;
    private final Tenancy tenancy;
    private final Authorization authorization;
    private final Roles roles;
    private final ScopeMembers scopeMembers;
    private final Organizations organizations;
    private final AuditTrail audit;
    private final CoreEvents events;
    private final ProjectQuota quota;

    Projects(
            JdbcClient jdbc,
            Tenancy tenancy,
            Authorization authorization,
            Roles roles,
            Organizations organizations,
            AuditTrail audit,
            CoreEvents events,
            ScopeMembers scopeMembers,
            ProjectQuota quota) {
        this.jdbc = jdbc;
        this.tenancy = tenancy;
        this.authorization = authorization;
        this.roles = roles;
        this.organizations = organizations;
        this.audit = audit;
        this.events = events;
        this.scopeMembers = scopeMembers;
        this.quota = quota;
    }

    /**
     * Filters of project lists.
     *
     * @param name part of the name, case-insensitive
     * @param teamId only the team's projects
     * @param createdFrom created at or after
     * @param createdTo created before
     */
    public record Filter(
            @Nullable String name,
            @Nullable UUID teamId,
            @Nullable Instant createdFrom,
            @Nullable Instant createdTo) {}

    /**
     * A page of a cursor-paged list.
     *
     * @param items the items
     * @param nextCursor pass as {@code cursor} for the next page; absent on the last page
     */
    public record Slice<T>(List<T> items, @Nullable String nextCursor) {}

    public Page<Project> list(Caller caller, UUID orgId, PageQuery page, Filter filter) {
        Where where = readableWhere(caller, orgId, filter);
        if (where == null) {
            return new Page<>(List.of(), page, 0);
        }
        String order = Paging.orderBy(
                page,
                Map.of("name", "name", "createdAt", "created_at", "updatedAt", "updated_at"),
                "created_at ASC, id");
        return tenancy.inOrg(orgId, caller.userId(), () -> {
            long total = jdbc.sql("select count(*) from projects" + where.sql())
                    .params(where.params())
                    .query(Long.class)
                    .single();
            var items = jdbc.sql("select " + COLUMNS + " from projects" + where.sql() + " order by " + order + " limit "
                            + page.limit() + " offset " + page.offset())
                    .params(where.params())
                    .query(Projects::project)
                    .list();
            return new Page<>(items, page, total);
        });
    }

    /** Keyset pagination by (created_at, id): stable under inserts, constant cost at any depth. */
    public Slice<Project> slice(Caller caller, UUID orgId, @Nullable String cursor, int limit, Filter filter) {
        Where where = readableWhere(caller, orgId, filter);
        if (where == null) {
            return new Slice<>(List.of(), null);
        }
        if (cursor != null) {
            Object[] after = decodeCursor(cursor);
            where.and("(created_at, id) > (?, ?)", after);
        }
        return tenancy.inOrg(orgId, caller.userId(), () -> {
            List<Project> items = new ArrayList<>(jdbc.sql("select " + COLUMNS + " from projects" + where.sql()
                            + " order by created_at, id limit " + (limit + 1))
                    .params(where.params())
                    .query(Projects::project)
                    .list());
            String next = null;
            if (items.size() > limit) {
                items.removeLast();
                Project last = items.getLast();
                next = encodeCursor(last);
            }
            return new Slice<>(List.copyOf(items), next);
        });
    }

    public Project get(Caller caller, UUID orgId, UUID projectId) {
        return tenancy.inOrg(orgId, caller.userId(), () -> readable(caller, orgId, projectId));
    }

    public Project create(Caller caller, UUID orgId, ProjectRequest request) {
        UUID actor = caller.actorId();
        Map<String, Object> attributes = new HashMap<>();
        if (request.teamId() != null) {
            attributes.put("teamId", request.teamId());
        }
        authorization.require(caller, orgId, "create", "projects", attributes);
        if (request.name() == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "name is required");
        }
        return tenancy.inOrg(orgId, caller.userId(), () -> {
            requireTeam(orgId, request.teamId());
            quota.requireRoomForOneMore(orgId, organizations.limits(orgId).projects());
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                            insert into projects (id, org_id, team_id, name, description, created_by)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(id, orgId, request.teamId(), request.name().strip(), request.description(), actor)
                    .update();
            Project project = find(orgId, id).orElseThrow();
            audit.record(orgId, actor, CoreEventTypes.PROJECT_CREATED, "project", id, null, project);
            events.publish(CoreEventTypes.PROJECT_CREATED, orgId, actor, snapshot(project, false));
            return project;
        });
    }

    public Project update(
            Caller caller, UUID orgId, UUID projectId, ProjectRequest request, @Nullable Long expectedVersion) {
        UUID actor = caller.actorId();
        return tenancy.inOrg(orgId, caller.userId(), () -> {
            Project before = readable(caller, orgId, projectId);
            authorization.require(caller, orgId, "update", "projects", attributes(before));
            if (request.teamId() != null && !request.teamId().equals(before.teamId())) {
                requireTeam(orgId, request.teamId());
                // Moving into a team needs the right to create projects there.
                authorization.require(caller, orgId, "create", "projects", Map.of("teamId", request.teamId()));
            }
            int updated = jdbc.sql("""
                            update projects set name = coalesce(?, name), description = coalesce(?, description),
                                team_id = coalesce(?, team_id), updated_at = now(), version = version + 1
                            where org_id = ? and id = ? and (?::bigint is null or version = ?::bigint)""")
                    .params(
                            request.name() == null ? null : request.name().strip(),
                            request.description(),
                            request.teamId(),
                            orgId,
                            projectId,
                            expectedVersion,
                            expectedVersion)
                    .update();
            if (updated == 0) {
                throw ETags.changed();
            }
            Project after = find(orgId, projectId).orElseThrow();
            audit.record(orgId, actor, CoreEventTypes.PROJECT_UPDATED, "project", projectId, before, after);
            events.publish(CoreEventTypes.PROJECT_UPDATED, orgId, actor, snapshot(after, false));
            return after;
        });
    }

    public void delete(Caller caller, UUID orgId, UUID projectId) {
        UUID actor = caller.actorId();
        tenancy.runInOrg(orgId, caller.userId(), () -> {
            Project before = readable(caller, orgId, projectId);
            authorization.require(caller, orgId, "delete", "projects", attributes(before));
            roles.dropScope(orgId, "project", projectId);
            jdbc.sql("delete from projects where org_id = ? and id = ?")
                    .params(orgId, projectId)
                    .update();
            audit.record(orgId, actor, CoreEventTypes.PROJECT_DELETED, "project", projectId, before, null);
            Project gone = new Project(
                    before.id(),
                    orgId,
                    before.teamId(),
                    before.name(),
                    before.description(),
                    before.createdBy(),
                    before.createdAt(),
                    Instant.now(),
                    before.version() + 1);
            events.publish(CoreEventTypes.PROJECT_DELETED, orgId, actor, snapshot(gone, true));
        });
    }

    @Override
    public void detachAll(UUID actor, UUID orgId, UUID teamId) {
        List<Project> detached = jdbc.sql("update projects set team_id = null, updated_at = now(), "
                        + "version = version + 1 where org_id = ? and team_id = ? returning " + COLUMNS)
                .params(orgId, teamId)
                .query(Projects::project)
                .list();
        for (Project project : detached) {
            events.publish(CoreEventTypes.PROJECT_UPDATED, orgId, actor, snapshot(project, false));
        }
    }

    public Page<RoleAssignment> members(Caller.User caller, UUID orgId, UUID projectId, PageQuery page) {
        return scopeMembers.list(caller, orgId, scope(caller, orgId, projectId), page);
    }

    public RoleAssignment putMember(Caller.User caller, UUID orgId, UUID projectId, UUID userId, String role) {
        return scopeMembers.put(caller, orgId, scope(caller, orgId, projectId), userId, role);
    }

    public void removeMember(Caller.User caller, UUID orgId, UUID projectId, UUID userId) {
        scopeMembers.remove(caller, orgId, scope(caller, orgId, projectId), userId);
    }

    private ScopeMembers.Scope scope(Caller caller, UUID orgId, UUID projectId) {
        return new ScopeMembers.Scope(
                "project", "projects", projectId, () -> attributes(readable(caller, orgId, projectId)));
    }

    /** The filters plus what the caller may read; null when they may read no project at all. */
    private @Nullable Where readableWhere(Caller caller, UUID orgId, Filter filter) {
        Grants grants = authorization.requireListing(caller, orgId, "projects");
        Where where = new Where()
                .and("org_id = ?", orgId)
                .andIf(Where.contains(filter.name()), "lower(name) like ?")
                .andIf(filter.teamId(), "team_id = ?")
                .andIf(utc(filter.createdFrom()), "created_at >= ?")
                .andIf(utc(filter.createdTo()), "created_at < ?");
        if (grants.readsAll("projects")) {
            return where;
        }
        if (grants.projectIds().isEmpty() && grants.teamIds().isEmpty() && !grants.ownProjects()) {
            return null;
        }
        where.and(
                "(id = any(?::uuid[]) or team_id = any(?::uuid[]) or (? and created_by = ?))",
                Where.uuidArray(grants.projectIds()),
                Where.uuidArray(grants.teamIds()),
                grants.ownProjects(),
                caller.actorId());
        return where;
    }

    /** The project if the caller may read it; otherwise 404 (403 would reveal it exists). */
    private Project readable(Caller caller, UUID orgId, UUID projectId) {
        authorization.requireMember(caller, orgId);
        Project project = find(orgId, projectId).orElseThrow(Projects::notFound);
        if (!authorization.allows(caller, orgId, "read", "projects", attributes(project))) {
            throw notFound();
        }
        return project;
    }

    private void requireTeam(UUID orgId, @Nullable UUID teamId) {
        if (teamId != null
                && jdbc.sql("select count(*) from teams where org_id = ? and id = ?")
                                .params(orgId, teamId)
                                .query(Long.class)
                                .single()
                        == 0) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "No such team in this organization");
        }
    }

    static Map<String, Object> attributes(Project project) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("projectId", project.id());
        attributes.put("createdBy", project.createdBy());
        if (project.teamId() != null) {
            attributes.put("teamId", project.teamId());
        }
        return attributes;
    }

    private Optional<Project> find(UUID orgId, UUID projectId) {
        return jdbc.sql("select " + COLUMNS + " from projects where org_id = ? and id = ?")
                .params(orgId, projectId)
                .query(Projects::project)
                .optional();
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String encodeCursor(Project last) {
        String raw = last.createdAt().toString() + "|" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Object[] decodeCursor(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new Object[] {
                OffsetDateTime.ofInstant(Instant.parse(raw.substring(0, bar)), ZoneOffset.UTC),
                UUID.fromString(raw.substring(bar + 1))
            };
        } catch (RuntimeException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The cursor is not valid");
        }
    }

    private static ProjectSnapshot snapshot(Project p, boolean deleted) {
        return new ProjectSnapshot(
                p.id(),
                p.orgId(),
                p.teamId(),
                p.name(),
                p.description(),
                p.createdBy(),
                p.createdAt(),
                p.updatedAt(),
                p.version(),
                deleted);
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "Project not found");
    }

    private static Project project(ResultSet rs, int n) throws SQLException {
        return new Project(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getString(5),
                rs.getObject(6, UUID.class),
                rs.getObject(7, OffsetDateTime.class).toInstant(),
                rs.getObject(8, OffsetDateTime.class).toInstant(),
                rs.getLong(9));
    }
}
