package dev.tenantcore.core.usage.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.core.usage.Usage;
import dev.tenantcore.core.web.Caller;
import dev.tenantcore.support.web.ApiException;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UsageController {

    private static final int MAX_DAYS = 366;

    private final Usage usage;

    UsageController(Usage usage) {
        this.usage = usage;
    }

    /** Counts and daily activity between from and to (UTC days, default the last 30, at most 366). */
    @GetMapping("/api/v1/orgs/{orgId}/usage")
    ApiResponse<Usage.Report> usage(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable UUID orgId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
        LocalDate end = to != null ? to : LocalDate.now(ZoneOffset.UTC);
        LocalDate start = from != null ? from : end.minusDays(29);
        if (start.isAfter(end) || ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "from must be before to, at most 366 days apart");
        }
        return ApiResponse.of(usage.report(caller.userId(), orgId, start, end));
    }
}
