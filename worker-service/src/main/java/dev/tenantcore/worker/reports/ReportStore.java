package dev.tenantcore.worker.reports;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where generated reports and exports are kept. The default keeps them in Postgres ({@code worker.reports});
 * an S3-compatible store is the intended option for large exports (not built yet: see docs). {@link #save} runs
 * inside the job's transaction, so a store outside the database must tolerate a save whose transaction rolls
 * back (an orphan object, removed by its expiry).
 */
public interface ReportStore {

    void save(StoredReport report);

    Optional<StoredReport> find(UUID orgId, UUID reportId);

    /** Deletes reports that expired before the instant; returns how many. */
    int deleteExpired(Instant now);
}
