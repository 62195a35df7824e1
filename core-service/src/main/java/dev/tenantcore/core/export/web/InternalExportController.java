package dev.tenantcore.core.export.web;

import dev.tenantcore.core.export.OrgExport;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A whole org as NDJSON for worker-service's data exports. Reached only with the service credential
 * ({@code X-Internal-Token}); never routed by the gateway.
 */
@RestController
class InternalExportController {

    static final String NDJSON = "application/x-ndjson";

    private final OrgExport export;

    InternalExportController(OrgExport export) {
        this.export = export;
    }

    /** One {@code {"type", "data"}} object per line; 404 for an unknown org. */
    @GetMapping("/internal/orgs/{orgId}/export")
    void export(@PathVariable UUID orgId, HttpServletResponse response) throws IOException {
        export.requireExists(orgId);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        try (OutputStream out = response.getOutputStream()) {
            export.write(orgId, out);
        }
    }
}
