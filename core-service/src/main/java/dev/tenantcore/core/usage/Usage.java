package dev.tenantcore.core.usage;

import dev.tenantcore.core.authorization.Authorization;
import dev.tenantcore.core.tenancy.Tenancy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** An org's usage from the analytics views (as fresh as the worker's last refresh). */
@Component
public class Usage {

    private final JdbcClient jdbc;
    private final Tenancy tenancy;
    private final Authorization authorization;

    Usage(JdbcClient jdbc, Tenancy tenancy, Authorization authorization) {
        this.jdbc = jdbc;
        this.tenancy = tenancy;
        this.authorization = authorization;
    }

    /**
     * @param members members at the last refresh
     * @param projects projects at the last refresh
     * @param teams teams at the last refresh
     * @param pendingInvitations pending invitations at the last refresh
     * @param refreshedAt when the counts were computed; absent before the first refresh
     * @param daily writes and active users per day, oldest first
     */
    public record Report(
            long members,
            long projects,
            long teams,
            long pendingInvitations,
            @Nullable Instant refreshedAt,
            List<Day> daily) {}

    /**
     * @param day the UTC day
     * @param writes audited changes that day
     * @param activeUsers distinct users who changed something
     */
    public record Day(LocalDate day, long writes, long activeUsers) {}

    public Report report(UUID actor, UUID orgId, LocalDate from, LocalDate to) {
        authorization.require(actor, orgId, "read", "usage");
        return tenancy.inOrg(orgId, actor, () -> {
            List<Day> daily = jdbc.sql("select day, writes, active_users from analytics.daily_activity "
                            + "where day between ? and ? order by day")
                    .params(from, to)
                    .query((rs, n) -> new Day(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3)))
                    .list();
            return jdbc.sql("select members, projects, teams, pending_invitations, refreshed_at "
                            + "from analytics.org_counts")
                    .query((rs, n) -> new Report(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(),
                            daily))
                    .optional()
                    .orElse(new Report(0, 0, 0, 0, null, daily));
        });
    }
}
