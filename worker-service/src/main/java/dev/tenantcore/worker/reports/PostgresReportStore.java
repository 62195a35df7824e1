package dev.tenantcore.worker.reports;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The default {@link ReportStore}: {@code bytea} rows in {@code worker.reports}. */
@Component
class PostgresReportStore implements ReportStore {

    private final JdbcClient jdbc;

    PostgresReportStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(StoredReport report) {
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
    public Optional<StoredReport> find(UUID orgId, UUID reportId) {
        return jdbc.sql("SELECT * FROM reports WHERE id = ? AND org_id = ? AND expires_at > now()")
                .params(reportId, orgId)
                .query((rs, n) -> new StoredReport(
                        reportId,
                        orgId,
                        rs.getString("kind"),
                        rs.getString("content_type"),
                        rs.getString("filename"),
                        rs.getBytes("content"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    @Override
    public int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM reports WHERE expires_at <= ?")
                .param(OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
    }
}
