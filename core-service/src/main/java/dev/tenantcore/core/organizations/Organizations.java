package dev.tenantcore.core.organizations;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.contracts.events.core.CoreEventTypes;
import dev.tenantcore.contracts.events.core.MembershipChanged;
import dev.tenantcore.contracts.events.core.OrganizationSnapshot;
import dev.tenantcore.core.audit.AuditTrail;
import dev.tenantcore.core.authorization.Authorization;
import dev.tenantcore.core.authorization.BuiltInRoles;
import dev.tenantcore.core.authorization.OrganizationNotFound;
import dev.tenantcore.core.authorization.Roles;
import dev.tenantcore.core.cache.Caches;
import dev.tenantcore.core.cache.TwoLevelCache;
import dev.tenantcore.core.events.CoreEvents;
import dev.tenantcore.core.tenancy.Tenancy;
import dev.tenantcore.core.web.Caller;
import dev.tenantcore.core.web.ETags;
import dev.tenantcore.core.web.Page;
import dev.tenantcore.core.web.Paging;
import dev.tenantcore.support.web.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Organizations: the tenants. Their creator becomes owner; deletion is soft (a job purges later). Reads by id
 * go through the two-level cache {@code org} (see {@link TwoLevelCache}), which every change of an org
 * invalidates after commit on every instance; the caller's role is never cached with the org but comes from
 * the authorization check that precedes every read.
 */
@Component
public class Organizations {

    /** The key of an org's state in its cache. */
    static final String CACHE_KEY = "organization";

    private static final String COLUMNS =
            "o.id, o.name, o.slug, o.subscription_tier, r.name, o.created_at, o.updated_at, o.version, o.deleted_at";

    private final JdbcClient jdbc;
    private final Tenancy tenancy;
    private final Authorization authorization;
    private final Roles roles;
    private final AuditTrail audit;
    private final CoreEvents events;
    private final Tiers tiers;
    private final TwoLevelCache cache;

    Organizations(
            JdbcClient jdbc,
            Tenancy tenancy,
            Authorization authorization,
            Roles roles,
            AuditTrail audit,
            CoreEvents events,
            Tiers tiers,
            Caches caches) {
        this.jdbc = jdbc;
        this.tenancy = tenancy;
        this.authorization = authorization;
        this.roles = roles;
        this.audit = audit;
        this.events = events;
        this.tiers = tiers;
        this.cache = caches.create("organizations", "org", Duration.ofMinutes(10));
    }

    public Organization create(Caller.User caller, OrganizationRequests.Create request) {
        UUID orgId = UUID.randomUUID();
        String slug = request.slug() != null ? request.slug() : slugOf(request.name());
        String tier = request.subscriptionTier() != null ? request.subscriptionTier() : "free";
        return tenancy.inOrg(orgId, caller.userId(), () -> {
            jdbc.sql("""
                            insert into organizations (id, name, slug, subscription_tier, created_by)
                            values (?, ?, ?, ?, ?)""")
                    .params(orgId, request.name().strip(), slug, tier, caller.userId())
                    .update();
            Map<String, UUID> builtIns = roles.seedBuiltIns(orgId);
            jdbc.sql("insert into memberships (org_id, user_id, role_id) values (?, ?, ?)")
                    .params(orgId, caller.userId(), builtIns.get(BuiltInRoles.OWNER))
                    .update();
            Row created = find(orgId, caller.userId()).orElseThrow();
            audit.record(
                    orgId,
                    caller.userId(),
                    CoreEventTypes.ORGANIZATION_CREATED,
                    "organization",
                    orgId,
                    null,
                    created.organization());
            events.publish(CoreEventTypes.ORGANIZATION_CREATED, orgId, caller.userId(), created.snapshot());
            events.publish(
                    CoreEventTypes.MEMBER_ADDED,
                    orgId,
                    caller.userId(),
                    new MembershipChanged(orgId, caller.userId(), caller.email(), BuiltInRoles.OWNER));
            authorization.invalidateAfterCommit(orgId);
            cache.invalidateAfterCommit(orgId);
            return created.organization();
        });
    }

    public Page<Organization> listMine(UUID userId, PageQuery page) {
        String order = Paging.orderBy(
                page, Map.of("name", "o.name", "createdAt", "o.created_at"), "o.created_at ASC, o.id", "o.id");
        return tenancy.asUser(userId, () -> {
            long total = jdbc.sql("""
                            select count(*) from memberships m join organizations o on o.id = m.org_id
                            where m.user_id = ? and o.deleted_at is null""").param(userId).query(Long.class).single();
            var items = jdbc
                    .sql("select " + COLUMNS + """
                             from memberships m join organizations o on o.id = m.org_id join roles r on r.id = m.role_id
                            where m.user_id = ? and o.deleted_at is null""" + " order by " + order + " limit ? offset ?")
                    .params(userId, page.limit(), page.offset())
                    .query(Organizations::row)
                    .stream()
                    .map(Row::organization)
                    .toList();
            return new Page<>(items, page, total);
        });
    }

    /** The org as the member sees it: authorized first (non-members get 404), then read from the cache. */
    public Organization get(UUID actor, UUID orgId) {
        var profile = authorization.require(actor, orgId, "read", "organization");
        return cached(orgId).orElseThrow(() -> OrganizationNotFound.of(orgId)).as(profile.orgRole());
    }

    /**
     * The live (not deleted) org by id, without its caller's role, from the cache. Not authorized: for internal
     * lookups (tier limits, cache warming) and for {@link #get} after its check.
     */
    public Optional<Organization> cached(UUID orgId) {
        CachedOrganization entry = cache.get(
                orgId,
                CACHE_KEY,
                CachedOrganization.class,
                () -> new CachedOrganization(tenancy.readCommitted(orgId, null, () -> live(orgId))));
        return Optional.ofNullable(entry.organization());
    }

    public Organization update(
            UUID actor, UUID orgId, OrganizationRequests.Update request, @Nullable Long expectedVersion) {
        authorization.require(actor, orgId, "update", "organization");
        return tenancy.inOrg(orgId, actor, () -> {
            Row before = find(orgId, actor).orElseThrow(() -> OrganizationNotFound.of(orgId));
            int updated = jdbc.sql("""
                            update organizations set name = coalesce(?, name),
                                subscription_tier = coalesce(?, subscription_tier), updated_at = now(),
                                version = version + 1
                            where id = ? and deleted_at is null and (?::bigint is null or version = ?::bigint)""")
                    .params(
                            request.name() == null ? null : request.name().strip(),
                            request.subscriptionTier(),
                            orgId,
                            expectedVersion,
                            expectedVersion)
                    .update();
            if (updated == 0) {
                throw ETags.changed();
            }
            Row after = find(orgId, actor).orElseThrow();
            audit.record(
                    orgId,
                    actor,
                    CoreEventTypes.ORGANIZATION_UPDATED,
                    "organization",
                    orgId,
                    before.organization(),
                    after.organization());
            events.publish(CoreEventTypes.ORGANIZATION_UPDATED, orgId, actor, after.snapshot());
            cache.invalidateAfterCommit(orgId);
            return after.organization();
        });
    }

    public void delete(UUID actor, UUID orgId) {
        authorization.require(actor, orgId, "delete", "organization");
        tenancy.runInOrg(orgId, actor, () -> {
            Row before = find(orgId, actor).orElseThrow(() -> OrganizationNotFound.of(orgId));
            softDelete(actor, orgId, before.organization());
        });
    }

    /**
     * The system soft-deletes an org no one is a member of any more (its last member's account was deleted),
     * inside the caller's transaction in the org.
     */
    public void deleteAbandoned(UUID orgId) {
        Organization before = live(orgId);
        if (before != null) {
            softDelete(null, orgId, before);
        }
    }

    private void softDelete(@Nullable UUID actor, UUID orgId, Organization before) {
        jdbc.sql("update organizations set deleted_at = now(), updated_at = now(), version = version + 1 "
                        + "where id = ? and deleted_at is null")
                .param(orgId)
                .update();
        Row after = jdbc.sql("select " + COLUMNS.replace("r.name", "null") + " from organizations o where o.id = ?")
                .param(orgId)
                .query(Organizations::row)
                .single();
        audit.record(orgId, actor, CoreEventTypes.ORGANIZATION_DELETED, "organization", orgId, before, null);
        events.publish(CoreEventTypes.ORGANIZATION_DELETED, orgId, actor, after.snapshot());
        authorization.invalidateAfterCommit(orgId);
        cache.invalidateAfterCommit(orgId);
    }

    /** The org's tier limits (its tier from the cache). */
    public Tiers.Limits limits(UUID orgId) {
        return tiers.of(cached(orgId).map(Organization::subscriptionTier).orElse("free"));
    }

    /** 403 quota_exceeded when one more would pass the limit. */
    public static void requireBelow(long current, int limit, String what) {
        if (current >= limit) {
            throw new ApiException(
                    ErrorCode.QUOTA_EXCEEDED,
                    "Your subscription tier allows at most " + limit + " " + what,
                    Map.of("limit", limit, "resource", what));
        }
    }

    private @Nullable Organization live(UUID orgId) {
        return jdbc.sql("select " + COLUMNS.replace("r.name", "null")
                        + " from organizations o where o.id = ? and o.deleted_at is null")
                .param(orgId)
                .query(Organizations::row)
                .optional()
                .map(Row::organization)
                .orElse(null);
    }

    private Optional<Row> find(UUID orgId, UUID userId) {
        return jdbc.sql("select " + COLUMNS + """
                         from organizations o left join memberships m on m.org_id = o.id and m.user_id = ?
                        left join roles r on r.id = m.role_id where o.id = ? and o.deleted_at is null""")
                .params(userId, orgId)
                .query(Organizations::row)
                .optional();
    }

    static String slugOf(String name) {
        String base =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (base.length() > 40) {
            base = base.substring(0, 40).replaceAll("-+$", "");
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return base.isEmpty() ? "org-" + suffix : base + "-" + suffix;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        var deletedAt = rs.getObject(9, OffsetDateTime.class);
        return new Row(
                new Organization(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class).toInstant(),
                        rs.getObject(7, OffsetDateTime.class).toInstant(),
                        rs.getLong(8)),
                deletedAt == null ? null : deletedAt.toInstant());
    }

    private record Row(Organization organization, @Nullable Instant deletedAt) {
        OrganizationSnapshot snapshot() {
            var o = organization;
            return new OrganizationSnapshot(
                    o.id(),
                    o.name(),
                    o.slug(),
                    o.subscriptionTier(),
                    o.createdAt(),
                    o.updatedAt(),
                    deletedAt,
                    o.version());
        }
    }
}
