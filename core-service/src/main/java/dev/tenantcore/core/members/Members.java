package dev.tenantcore.core.members;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.contracts.events.core.CoreEventTypes;
import dev.tenantcore.contracts.events.core.MembershipChanged;
import dev.tenantcore.core.audit.AuditTrail;
import dev.tenantcore.core.authorization.Authorization;
import dev.tenantcore.core.authorization.BuiltInRoles;
import dev.tenantcore.core.authorization.Role;
import dev.tenantcore.core.authorization.Roles;
import dev.tenantcore.core.events.CoreEvents;
import dev.tenantcore.core.organizations.Organizations;
import dev.tenantcore.core.tenancy.Tenancy;
import dev.tenantcore.core.web.Page;
import dev.tenantcore.core.web.Paging;
import dev.tenantcore.core.web.Where;
import dev.tenantcore.support.web.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Members of an org and their org roles. An org always keeps at least one owner. */
@Component
public class Members {

    private static final String SELECT = """
            select m.user_id, u.email, u.display_name, r.name, m.created_at
            from memberships m join users u on u.id = m.user_id join roles r on r.id = m.role_id""";

    private final JdbcClient jdbc;
    private final Tenancy tenancy;
    private final Authorization authorization;
    private final Roles roles;
    private final Organizations organizations;
    private final AuditTrail audit;
    private final CoreEvents events;

    Members(
            JdbcClient jdbc,
            Tenancy tenancy,
            Authorization authorization,
            Roles roles,
            Organizations organizations,
            AuditTrail audit,
            CoreEvents events) {
        this.jdbc = jdbc;
        this.tenancy = tenancy;
        this.authorization = authorization;
        this.roles = roles;
        this.organizations = organizations;
        this.audit = audit;
        this.events = events;
    }

    /**
     * @param name part of the display name
     * @param email part of the e-mail
     * @param role exact role name
     */
    public Page<Member> list(
            UUID actor,
            UUID orgId,
            PageQuery page,
            @Nullable String name,
            @Nullable String email,
            @Nullable String role) {
        authorization.require(actor, orgId, "read", "members");
        String order = Paging.orderBy(
                page,
                Map.of("email", "u.email", "name", "u.display_name", "joinedAt", "m.created_at"),
                "m.created_at ASC, m.user_id",
                "m.user_id");
        Where where = new Where()
                .and("m.org_id = ?", orgId)
                .andIf(Where.contains(name), "lower(u.display_name) like ?")
                .andIf(Where.contains(email), "lower(u.email) like ?")
                .andIf(role, "r.name = ?");
        return tenancy.inOrg(orgId, actor, () -> {
            long total = jdbc.sql("select count(*) from memberships m join users u on u.id = m.user_id "
                            + "join roles r on r.id = m.role_id" + where.sql())
                    .params(where.params())
                    .query(Long.class)
                    .single();
            var items = jdbc.sql(SELECT + where.sql() + " order by " + order + " limit " + page.limit() + " offset "
                            + page.offset())
                    .params(where.params())
                    .query(Members::member)
                    .list();
            return new Page<>(items, page, total);
        });
    }

    public Member get(UUID actor, UUID orgId, UUID userId) {
        authorization.require(actor, orgId, "read", "members");
        return tenancy.inOrg(orgId, actor, () -> find(orgId, userId)).orElseThrow(Members::notFound);
    }

    public Member changeRole(UUID actor, UUID orgId, UUID userId, String roleName) {
        authorization.require(actor, orgId, "update", "members");
        return tenancy.inOrg(orgId, actor, () -> {
            Member before = find(orgId, userId).orElseThrow(Members::notFound);
            Role next = roles.byName(orgId, roleName);
            // Granting or taking a role needs its permissions: only owners make or unmake owners.
            authorization.requireHoldsAll(actor, orgId, next.permissions());
            authorization.requireHoldsAll(
                    actor, orgId, roles.byName(orgId, before.role()).permissions());
            if (before.role().equals(BuiltInRoles.OWNER) && !next.name().equals(BuiltInRoles.OWNER)) {
                requireAnotherOwner(orgId);
            }
            jdbc.sql("update memberships set role_id = ? where org_id = ? and user_id = ?")
                    .params(next.id(), orgId, userId)
                    .update();
            Member after = find(orgId, userId).orElseThrow();
            audit.record(orgId, actor, CoreEventTypes.MEMBER_ROLE_CHANGED, "member", userId, before, after);
            events.publish(
                    CoreEventTypes.MEMBER_ROLE_CHANGED,
                    orgId,
                    actor,
                    new MembershipChanged(orgId, userId, after.email(), after.role()));
            authorization.invalidateAfterCommit(orgId);
            return after;
        });
    }

    public void remove(UUID actor, UUID orgId, UUID userId) {
        authorization.require(actor, orgId, "delete", "members");
        tenancy.runInOrg(orgId, actor, () -> {
            Member before = find(orgId, userId).orElseThrow(Members::notFound);
            authorization.requireHoldsAll(
                    actor, orgId, roles.byName(orgId, before.role()).permissions());
            removeInTransaction(actor, orgId, before);
        });
    }

    /** The caller leaves the org; the last owner cannot. */
    public void leave(UUID actor, UUID orgId) {
        authorization.requireMember(actor, orgId);
        tenancy.runInOrg(orgId, actor, () -> {
            Member before = find(orgId, actor).orElseThrow(Members::notFound);
            removeInTransaction(actor, orgId, before);
        });
    }

    /** Adds a member inside the caller's transaction (invitations); respects the tier's member limit. */
    public Member addInTransaction(UUID actor, UUID orgId, UUID userId, UUID roleId) {
        Organizations.requireBelow(count(orgId), organizations.limits(orgId).members(), "members");
        jdbc.sql("insert into memberships (org_id, user_id, role_id) values (?, ?, ?)")
                .params(orgId, userId, roleId)
                .update();
        Member added = find(orgId, userId).orElseThrow();
        audit.record(orgId, actor, CoreEventTypes.MEMBER_ADDED, "member", userId, null, added);
        events.publish(
                CoreEventTypes.MEMBER_ADDED,
                orgId,
                actor,
                new MembershipChanged(orgId, userId, added.email(), added.role()));
        authorization.invalidateAfterCommit(orgId);
        return added;
    }

    /** Members of the org, inside the caller's transaction. */
    public long count(UUID orgId) {
        return jdbc.sql("select count(*) from memberships where org_id = ?")
                .param(orgId)
                .query(Long.class)
                .single();
    }

    public boolean isMember(UUID orgId, UUID userId) {
        return find(orgId, userId).isPresent();
    }

    /** The orgs the user is a member of (only the user's own memberships are visible without an org). */
    public List<UUID> orgsOf(UUID userId) {
        return tenancy.asUser(
                userId,
                () -> jdbc.sql("select org_id from memberships where user_id = ? order by org_id")
                        .param(userId)
                        .query(UUID.class)
                        .list());
    }

    /**
     * A deleted account leaves the org, on behalf of the system (no actor), with its team and project roles.
     * When it was the last owner, the longest-standing admin (else the longest-standing member) becomes owner;
     * when no one remains, the org is soft-deleted. Its own transaction in the org; nothing happens when the
     * user is no member (a replay).
     */
    public void removeDeletedUser(UUID orgId, UUID userId) {
        tenancy.runInOrg(
                orgId,
                null,
                () -> find(orgId, userId).ifPresent(before -> {
                    boolean lastOwner = before.role().equals(BuiltInRoles.OWNER) && lockOwners(orgId) <= 1;
                    deleteMembership(null, orgId, before);
                    if (lastOwner) {
                        successor(orgId)
                                .ifPresentOrElse(
                                        next -> promoteToOwner(orgId, next),
                                        () -> organizations.deleteAbandoned(orgId));
                    }
                }));
    }

    private Optional<Member> successor(UUID orgId) {
        return jdbc.sql(SELECT + """
                         where m.org_id = ?
                        order by (r.built_in and r.name = 'admin') desc, m.created_at, m.user_id limit 1""").param(orgId).query(Members::member).optional();
    }

    private void promoteToOwner(UUID orgId, Member before) {
        jdbc.sql("update memberships set role_id = ? where org_id = ? and user_id = ?")
                .params(roles.byName(orgId, BuiltInRoles.OWNER).id(), orgId, before.userId())
                .update();
        Member after = find(orgId, before.userId()).orElseThrow();
        audit.record(orgId, null, CoreEventTypes.MEMBER_ROLE_CHANGED, "member", before.userId(), before, after);
        events.publish(
                CoreEventTypes.MEMBER_ROLE_CHANGED,
                orgId,
                null,
                new MembershipChanged(orgId, after.userId(), after.email(), after.role()));
        authorization.invalidateAfterCommit(orgId);
    }

    private void removeInTransaction(UUID actor, UUID orgId, Member before) {
        if (before.role().equals(BuiltInRoles.OWNER)) {
            requireAnotherOwner(orgId);
        }
        deleteMembership(actor, orgId, before);
    }

    private void deleteMembership(@Nullable UUID actor, UUID orgId, Member before) {
        jdbc.sql("delete from role_assignments where org_id = ? and user_id = ?")
                .params(orgId, before.userId())
                .update();
        jdbc.sql("delete from memberships where org_id = ? and user_id = ?")
                .params(orgId, before.userId())
                .update();
        audit.record(orgId, actor, CoreEventTypes.MEMBER_REMOVED, "member", before.userId(), before, null);
        events.publish(
                CoreEventTypes.MEMBER_REMOVED,
                orgId,
                actor,
                new MembershipChanged(orgId, before.userId(), before.email(), null));
        authorization.invalidateAfterCommit(orgId);
    }

    private void requireAnotherOwner(UUID orgId) {
        if (lockOwners(orgId) <= 1) {
            throw ApiException.conflict("The last owner cannot leave or be removed; make another member owner first");
        }
    }

    /** Locks the owners' rows so that two owners cannot both step down at once, and counts them. */
    private long lockOwners(UUID orgId) {
        return jdbc.sql("""
                        select count(*) from (select 1 from memberships m join roles r on r.id = m.role_id
                        where m.org_id = ? and r.name = 'owner' and r.built_in for update of m) owners""").param(orgId).query(Long.class).single();
    }

    private Optional<Member> find(UUID orgId, UUID userId) {
        return jdbc.sql(SELECT + " where m.org_id = ? and m.user_id = ?")
                .params(orgId, userId)
                .query(Members::member)
                .optional();
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "Member not found");
    }

    private static Member member(ResultSet rs, int n) throws SQLException {
        return new Member(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant());
    }
}
