package dev.tenantcore.auth.keys.web;

import dev.tenantcore.auth.keys.SigningKeys;
import dev.tenantcore.contracts.api.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public signing keys (a standard JWK set, not the envelope) and the internal rotation command. */
@RestController
class JwksController {

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @Operation(summary = "Public keys that verify access tokens (RFC 7517 JWK set)")
    @GetMapping({"/api/v1/auth/.well-known/jwks.json", "/auth/v1/.well-known/jwks.json"})
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.publishedNow().toJSONObject(true));
    }

    @Operation(summary = "Rotate the signing key now (service credential)")
    @PostMapping("/internal/signing-keys/rotate")
    ApiResponse<Map<String, String>> rotate() {
        return ApiResponse.of(Map.of("kid", keys.rotate()));
    }
}
