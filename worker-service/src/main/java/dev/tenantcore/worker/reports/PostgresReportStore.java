package dev.tenantcore.worker.reports;

import dev.tenantcore.worker.tenancy.TenantTransactions;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The default {@link ReportStore} ({@code tenantcore.worker.reports.store=postgres}): {@code bytea} rows in
 * {@code worker.reports}, read and written as the report's org (row-level security). A save inside the job's
 * transaction joins it.
 */
@Component
@ConditionalOnProperty(name = "tenantcore.worker.reports.store", havingValue = "postgres", matchIfMissing = true)
class PostgresReportStore implements ReportStore {

    private final JdbcClient jdbc;
    private final TenantTransactions tenants;

    PostgresReportStore(JdbcClient jdbc, TenantTransactions tenants) {
        this.jdbc = jdbc;
        this.tenants = tenants;
    }

    @Override
    public void save(StoredReport report) {
        tenants.runInOrg(report.orgId(), null, () -> insert(report));
    }

    private void insert(StoredReport report) {
        jdbc.sql("""
                INSERT INTO reports (id, org_id, kind, content_type, filename, content, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        report.id(),
                        report.orgId(),
                        report.kind(),
                        report.contentType(),
                        report.filename(),
                        report.content(),
                        OffsetDateTime.ofInstant(report.expiresAt(), ZoneOffset.UTC))
                .update();
    }

    @Override
    public Optional<ReportFile> find(UUID orgId, UUID reportId, String kind) {
        return tenants.inOrg(
                orgId,
                null,
                () -> jdbc.sql("""
                                SELECT content_type, filename, content FROM reports
                                WHERE id = ? AND org_id = ? AND kind = ? AND expires_at > now()
                                """)
                        .params(reportId, orgId, kind)
                        .query((rs, n) -> {
                            byte[] content = rs.getBytes("content");
                            return new ReportFile(
                                    rs.getString("content_type"),
                                    rs.getString("filename"),
                                    content.length,
                                    new ByteArrayInputStream(content));
                        })
                        .optional());
    }

    /**
     * Deletes expired reports of every org through the SECURITY DEFINER function
     * {@code worker.purge_expired_reports} (migration V5): retention is the one cross-org operation on this table,
     * and the function only deletes what expired and returns a count.
     */
    @Override
    public int deleteExpired(Instant now) {
        return jdbc.sql("SELECT worker.purge_expired_reports(?)")
                .param(OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .query(Integer.class)
                .single();
    }
}
