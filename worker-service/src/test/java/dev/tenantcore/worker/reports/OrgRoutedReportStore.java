package dev.tenantcore.worker.reports;

import dev.tenantcore.worker.config.WorkerProperties;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The test context's report store: the configured default (Postgres) for every org, except orgs a test puts on
 * the production {@link S3ReportStore} (against {@code S3Server}). One application context serves both stores,
 * so the S3 store is shown through the API without a second context, whose job consumers would share the
 * topics' partitions with this one's.
 */
public final class OrgRoutedReportStore implements ReportStore {

    private static final Set<UUID> S3_ORGS = ConcurrentHashMap.newKeySet();

    private final ReportStore postgres;
    private final S3ReportStore s3;

    OrgRoutedReportStore(ReportStore postgres, S3ReportStore s3) {
        this.postgres = postgres;
        this.s3 = s3;
    }

    /** Stores the org's reports and exports in S3 from now on. */
    public static void useS3(UUID orgId) {
        S3_ORGS.add(orgId);
    }

    private ReportStore of(UUID orgId) {
        return S3_ORGS.contains(orgId) ? s3 : postgres;
    }

    @Override
    public void save(StoredReport report) {
        of(report.orgId()).save(report);
    }

    @Override
    public Optional<ReportFile> find(UUID orgId, UUID reportId, String kind) {
        return of(orgId).find(orgId, reportId, kind);
    }

    @Override
    public int deleteExpired(Instant now) {
        return postgres.deleteExpired(now) + s3.deleteExpired(now);
    }

    /** Puts the routing store in front of the configured one. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean(destroyMethod = "close")
        S3ReportStore s3ReportStore(WorkerProperties properties) {
            return new S3ReportStore(properties);
        }

        @Bean
        @Primary
        OrgRoutedReportStore orgRoutedReportStore(PostgresReportStore postgres, S3ReportStore s3) {
            return new OrgRoutedReportStore(postgres, s3);
        }
    }
}
