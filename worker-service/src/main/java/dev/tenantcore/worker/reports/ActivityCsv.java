package dev.tenantcore.worker.reports;

import dev.tenantcore.worker.access.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** The activity report: one CSV row per audit entry (RFC 4180 quoting; formula-like cells defused). */
final class ActivityCsv {

    static final String HEADER = "seq,created_at,actor_id,action,resource_type,resource_id,ip,request_id";

    private ActivityCsv() {}

    static byte[] of(List<AuditEntry> entries) {
        var csv = new StringBuilder(HEADER).append("\r\n");
        for (AuditEntry e : entries) {
            csv.append(String.join(
                            ",",
                            Long.toString(e.seq()),
                            e.createdAt().toString(),
                            cell(e.actorId()),
                            cell(e.action()),
                            cell(e.resourceType()),
                            cell(e.resourceId()),
                            cell(e.ip()),
                            cell(e.requestId())))
                    .append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String cell(@org.jspecify.annotations.Nullable Object value) {
        String text = Objects.toString(value, "");
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            // A spreadsheet would run it as a formula.
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
