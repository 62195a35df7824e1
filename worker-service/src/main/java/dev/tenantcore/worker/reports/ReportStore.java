package dev.tenantcore.worker.reports;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where generated reports and exports are kept, chosen by {@code tenantcore.worker.reports.store}: Postgres
 * ({@code worker.reports}, the default) or an S3-compatible bucket. Every file belongs to one org and is read only
 * with that org's id. {@link #save} runs inside the job's transaction, so a store outside the database must
 * tolerate a save whose transaction rolls back (an orphan file, overwritten by the job's next attempt or removed
 * by its expiry).
 */
public interface ReportStore {

    void save(StoredReport report);

    /**
     * Opens the org's file of the kind, unless it expired; the caller closes it (the download streams it).
     */
    Optional<ReportFile> find(UUID orgId, UUID reportId, String kind);

    /** Deletes reports that expired before the instant, in every org; returns how many. */
    int deleteExpired(Instant now);
}
