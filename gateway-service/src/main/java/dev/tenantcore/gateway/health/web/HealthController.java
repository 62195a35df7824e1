package dev.tenantcore.gateway.health.web;

import dev.tenantcore.contracts.api.ApiError;
import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.gateway.health.DownstreamHealth;
import dev.tenantcore.gateway.health.HealthReport;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/health}: the system's readiness for a status page or a load balancer. The body has the
 * same shape either way, so a client reads {@code data.services} to see what is down; a 503 also carries
 * the {@code unavailable} error.
 */
@RestController
class HealthController {

    private final DownstreamHealth health;

    HealthController(DownstreamHealth health) {
        this.health = health;
    }

    @GetMapping("/api/v1/health")
    Mono<ResponseEntity<ApiResponse<HealthReport>>> health() {
        return health.check().map(HealthController::toResponse);
    }

    private static ResponseEntity<ApiResponse<HealthReport>> toResponse(HealthReport report) {
        if (report.allUp()) {
            return ResponseEntity.ok(ApiResponse.of(report));
        }
        var error = ApiError.of(ErrorCode.UNAVAILABLE, "One or more services are not ready.");
        return ResponseEntity.status(ErrorCode.UNAVAILABLE.status()).body(new ApiResponse<>(report, error, null));
    }
}
