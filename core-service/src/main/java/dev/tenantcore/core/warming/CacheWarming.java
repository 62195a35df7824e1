package dev.tenantcore.core.warming;

import dev.tenantcore.core.authorization.Authorization;
import dev.tenantcore.core.organizations.Organizations;
import dev.tenantcore.core.tenancy.Tenancy;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Loads the organizations with the most audit activity in the last day, and their members' access profiles,
 * into the two-level caches (this instance's memory and Redis, which every instance reads).
 */
@Component
public class CacheWarming {

    /** The most organizations one warming covers. */
    public static final int MAX_ORGANIZATIONS = 1000;

    /** The most members of one org whose profiles are warmed, so one huge org cannot stall a warming. */
    static final int MAX_MEMBERS_PER_ORG = 1000;

    private static final Duration ACTIVITY_WINDOW = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final Tenancy tenancy;
    private final Organizations organizations;
    private final Authorization authorization;

    CacheWarming(JdbcClient jdbc, Tenancy tenancy, Organizations organizations, Authorization authorization) {
        this.jdbc = jdbc;
        this.tenancy = tenancy;
        this.organizations = organizations;
        this.authorization = authorization;
    }

    /**
     * What one warming loaded.
     *
     * @param organizations organizations now cached
     * @param profiles access profiles now cached
     */
    public record Warmed(int organizations, int profiles) {}

    /** Warms the {@code limit} (1..{@value #MAX_ORGANIZATIONS}) most active organizations. */
    public Warmed warm(int limit) {
        var since = OffsetDateTime.now(ZoneOffset.UTC).minus(ACTIVITY_WINDOW);
        List<UUID> orgIds = jdbc.sql("select * from most_active_organizations(?, ?)")
                .params(since, Math.min(limit, MAX_ORGANIZATIONS))
                .query(UUID.class)
                .list();
        int orgs = 0;
        int profiles = 0;
        for (UUID orgId : orgIds) {
            if (organizations.cached(orgId).isEmpty()) {
                continue; // deleted meanwhile
            }
            orgs++;
            for (UUID userId : members(orgId)) {
                authorization.profile(userId, orgId);
                profiles++;
            }
        }
        return new Warmed(orgs, profiles);
    }

    private List<UUID> members(UUID orgId) {
        return tenancy.readCommitted(
                orgId,
                null,
                () -> jdbc.sql("select user_id from memberships where org_id = ? order by created_at, user_id limit ?")
                        .params(orgId, MAX_MEMBERS_PER_ORG)
                        .query(UUID.class)
                        .list());
    }
}
