package dev.tenantcore.worker.reports;

import java.time.Instant;
import java.util.UUID;

/**
 * A generated file.
 *
 * @param id the report id, the id of the job that made it
 * @param orgId the org it belongs to
 * @param kind {@code activity-report} or {@code export}
 * @param contentType its media type
 * @param filename the name it is downloaded as
 * @param content the bytes
 * @param expiresAt when it is deleted
 */
public record StoredReport(
        UUID id, UUID orgId, String kind, String contentType, String filename, byte[] content, Instant expiresAt) {

    public static final String ACTIVITY_REPORT = "activity-report";
    public static final String EXPORT = "export";
}
