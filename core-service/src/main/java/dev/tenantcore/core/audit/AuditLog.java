package dev.tenantcore.core.audit;

import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.core.authorization.Authorization;
import dev.tenantcore.core.tenancy.Tenancy;
import dev.tenantcore.core.web.Page;
import dev.tenantcore.core.web.Where;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading and verifying an org's audit log. */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final Tenancy tenancy;
    private final Authorization authorization;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, Tenancy tenancy, Authorization authorization, JsonMapper json) {
        this.jdbc = jdbc;
        this.tenancy = tenancy;
        this.authorization = authorization;
        this.json = json;
    }

    /**
     * An audit entry.
     *
     * @param id the entry id
     * @param seq its position in the org's chain (1, 2, ...)
     * @param actorId who did it (null for the system)
     * @param action what happened, e.g. project.updated
     * @param resourceType the kind of resource
     * @param resourceId the resource's id
     * @param before the resource before the change
     * @param after the resource after the change
     * @param ip the client address
     * @param userAgent the client's user agent
     * @param requestId the request that made the change
     * @param createdAt when it happened
     * @param hash hex sha256 chained to the previous entry
     */
    public record Entry(
            UUID id,
            long seq,
            @Nullable UUID actorId,
            String action,
            String resourceType,
            @Nullable String resourceId,
            @Nullable JsonNode before,
            @Nullable JsonNode after,
            @Nullable String ip,
            @Nullable String userAgent,
            @Nullable String requestId,
            Instant createdAt,
            String hash) {}

    /**
     * Filters of the audit log.
     *
     * @param actorId entries by this user
     * @param action entries with this action
     * @param resourceType entries about this kind of resource
     * @param resourceId entries about this resource
     * @param from at or after
     * @param to before
     */
    public record Filter(
            @Nullable UUID actorId,
            @Nullable String action,
            @Nullable String resourceType,
            @Nullable String resourceId,
            @Nullable Instant from,
            @Nullable Instant to) {}

    /**
     * The result of checking an org's hash chain.
     *
     * @param valid whether every entry matches its hash and links to its predecessor
     * @param checked entries checked
     * @param firstBrokenSeq the first entry that does not verify, if any
     * @param firstBrokenId its id
     */
    public record Verification(
            boolean valid,
            long checked,
            @Nullable Long firstBrokenSeq,
            @Nullable UUID firstBrokenId) {}

    /**
     * An audit entry as other services see it: who did what to which resource, without the before/after
     * snapshots or the hash.
     *
     * @param id the entry id
     * @param seq its position in the org's chain
     * @param createdAt when it happened
     * @param actorId who did it (null for the system)
     * @param action what happened, e.g. project.updated
     * @param resourceType the kind of resource
     * @param resourceId the resource's id
     * @param ip the client address
     * @param requestId the request that made the change
     */
    public record ServiceEntry(
            UUID id,
            long seq,
            Instant createdAt,
            @Nullable UUID actorId,
            String action,
            String resourceType,
            @Nullable String resourceId,
            @Nullable String ip,
            @Nullable String requestId) {}

    /**
     * A page of entries with {@code from <= createdAt < to}, oldest first, for a service (reports, exports).
     * Runs as the org, so row-level security applies; an unknown org has no entries.
     */
    public ServicePage serviceEntries(UUID orgId, @Nullable Instant from, @Nullable Instant to, int page, int limit) {
        Where where = new Where()
                .and("org_id = ?", orgId)
                .andIf(utc(from), "created_at >= ?")
                .andIf(utc(to), "created_at < ?");
        long offset = (long) (page - 1) * limit;
        return tenancy.readCommitted(orgId, null, () -> {
            long total = jdbc.sql("select count(*) from audit_log" + where.sql())
                    .params(where.params())
                    .query(Long.class)
                    .single();
            var items = jdbc.sql("select id, seq, created_at, actor_id, action, resource_type, resource_id, ip,"
                            + " request_id from audit_log" + where.sql() + " order by seq limit " + limit
                            + " offset " + offset)
                    .params(where.params())
                    .query((rs, n) -> new ServiceEntry(
                            rs.getObject(1, UUID.class),
                            rs.getLong(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant(),
                            rs.getObject(4, UUID.class),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9)))
                    .list();
            return new ServicePage(items, total);
        });
    }

    /**
     * @param items the page's entries
     * @param total entries across all pages
     */
    public record ServicePage(java.util.List<ServiceEntry> items, long total) {}

    public Page<Entry> list(UUID actor, UUID orgId, PageQuery page, Filter filter) {
        authorization.require(actor, orgId, "read", "audit-log");
        Where where = new Where()
                .and("org_id = ?", orgId)
                .andIf(filter.actorId(), "actor_id = ?")
                .andIf(filter.action(), "action = ?")
                .andIf(filter.resourceType(), "resource_type = ?")
                .andIf(filter.resourceId(), "resource_id = ?")
                .andIf(utc(filter.from()), "created_at >= ?")
                .andIf(utc(filter.to()), "created_at < ?");
        return tenancy.inOrg(orgId, actor, () -> {
            long total = jdbc.sql("select count(*) from audit_log" + where.sql())
                    .params(where.params())
                    .query(Long.class)
                    .single();
            var items = jdbc.sql(
                            "select id, seq, actor_id, action, resource_type, resource_id, before::text, after::text,"
                                    + " ip, user_agent, request_id, created_at, hash from audit_log"
                                    + where.sql() + " order by seq desc limit " + page.limit() + " offset "
                                    + page.offset())
                    .params(where.params())
                    .query((rs, n) -> new Entry(
                            rs.getObject(1, UUID.class),
                            rs.getLong(2),
                            rs.getObject(3, UUID.class),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7) == null ? null : json.readTree(rs.getString(7)),
                            rs.getString(8) == null ? null : json.readTree(rs.getString(8)),
                            rs.getString(9),
                            rs.getString(10),
                            rs.getString(11),
                            rs.getObject(12, OffsetDateTime.class).toInstant(),
                            HexFormat.of().formatHex(rs.getBytes(13))))
                    .list();
            return new Page<>(items, page, total);
        });
    }

    /**
     * Recomputes the org's chain and reports the first entry whose hash, link or sequence is wrong. The chain
     * starts at the org's first retained entry (the anchor): once retention has dropped the oldest partitions,
     * that entry's predecessor is gone, so only its own hash is checked, and the links from there on.
     */
    public Verification verify(UUID actor, UUID orgId) {
        authorization.require(actor, orgId, "read", "audit-log");
        return tenancy.inOrg(
                orgId,
                actor,
                () -> jdbc.sql("""
                        with chain as (
                          select id, seq, hash, prev_hash,
                                 audit_entry_hash(prev_hash, seq, org_id, actor_id, action, resource_type, resource_id,
                                                  before, after, ip, user_agent, request_id, created_at) as computed,
                                 lag(hash) over (order by seq) as previous,
                                 lag(seq) over (order by seq) as previous_seq
                          from audit_log where org_id = ?)
                        select count(*) as checked,
                               min(seq) filter (where hash <> computed
                                   or (previous_seq is not null
                                       and (prev_hash is distinct from previous or seq <> previous_seq + 1))
                                   or (previous_seq is null and seq = 1 and prev_hash is not null)) as broken
                        from chain""")
                        .param(orgId)
                        .query((rs, n) -> {
                            long checked = rs.getLong(1);
                            long broken = rs.getLong(2);
                            if (rs.wasNull()) {
                                return new Verification(true, checked, null, null);
                            }
                            UUID id = jdbc.sql("select id from audit_log where org_id = ? and seq = ? limit 1")
                                    .params(orgId, broken)
                                    .query(UUID.class)
                                    .optional()
                                    .orElse(null);
                            return new Verification(false, checked, broken, id);
                        })
                        .single());
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
