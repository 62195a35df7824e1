package dev.tenantcore.worker.reports;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.jobs.JobTypes;
import dev.tenantcore.support.web.ApiException;
import dev.tenantcore.worker.jobs.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The reports feature's API: request a report or an export, download it when it is done. */
@Service
public class Reports {

    /** The default and the longest period of an activity report. */
    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final Jobs jobs;
    private final ReportStore store;

    Reports(Jobs jobs, ReportStore store) {
        this.jobs = jobs;
        this.store = store;
    }

    /**
     * Queues an activity report of {@code [from, to)}, by default the last 30 days; returns its id. The requester
     * is e-mailed a link when it is ready, at {@code notify} if given.
     */
    public UUID requestReport(
            UUID orgId, UUID userId, @Nullable String notify, @Nullable Instant from, @Nullable Instant to) {
        Instant end = to == null ? Instant.now() : to;
        Instant start = from == null ? end.minus(DEFAULT_PERIOD) : from;
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw new ApiException(
                    ErrorCode.VALIDATION_FAILED, "from must be before to, and the period at most 366 days");
        }
        Map<String, Object> payload = new HashMap<>(Map.of("from", start.toString(), "to", end.toString()));
        if (notify != null) {
            payload.put(ReadyMail.NOTIFY, notify);
        }
        return jobs.enqueue(JobTypes.REPORT, orgId, userId, payload);
    }

    /** Queues a full export of the org; returns its id. The requester is e-mailed a link, at {@code notify} if given. */
    public UUID requestExport(UUID orgId, UUID userId, @Nullable String notify) {
        return jobs.enqueue(
                JobTypes.EXPORT, orgId, userId, notify == null ? Map.of() : Map.of(ReadyMail.NOTIFY, notify));
    }

    /**
     * The finished file, opened for streaming; {@code conflict} while its job is not done, {@code not_found} if
     * there is none.
     */
    public ReportFile download(UUID orgId, UUID id, String kind) {
        var report = store.find(orgId, id, kind);
        if (report.isPresent()) {
            return report.get();
        }
        var job = jobs.find(orgId, id);
        if (job.isPresent() && !job.get().status().equals("succeeded")) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "It is not ready yet",
                    Map.of("status", job.get().status()));
        }
        throw ApiException.notFound(kind.equals(StoredReport.EXPORT) ? "Export" : "Report");
    }
}
