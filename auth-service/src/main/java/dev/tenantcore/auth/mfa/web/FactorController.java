package dev.tenantcore.auth.mfa.web;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.tenantcore.auth.audit.RequestOrigin;
import dev.tenantcore.auth.mfa.Factor;
import dev.tenantcore.auth.mfa.Factors;
import dev.tenantcore.auth.sessions.TokenPair;
import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.security.ClaimNames;
import dev.tenantcore.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's second factors (TOTP) and recovery codes. */
@RestController
class FactorController {

    private final Factors factors;

    FactorController(Factors factors) {
        this.factors = factors;
    }

    record EnrollRequest(
            @JsonAlias("factor_type") @Nullable @Pattern(regexp = "totp", message = "must be totp")
            String factorType,

            @JsonAlias("friendly_name") @Nullable @Size(max = 128)
            String friendlyName,

            @Nullable @Size(max = 128) String issuer) {}

    record EnrollResponse(UUID id, String type, @Nullable String friendlyName, String status, Totp totp) {}

    record Totp(String secret, String uri) {}

    record VerifyRequest(
            @NotNull UUID challengeId,
            @NotBlank @Size(max = 16) String code) {}

    record VerifyResponse(TokenPair session, @Nullable List<String> recoveryCodes) {}

    record RecoveryCodeRequest(@NotBlank @Size(max = 64) String code) {}

    @Operation(summary = "My second factors")
    @GetMapping("/api/v1/auth/factors")
    ApiResponse<List<Factor>> list(@AuthenticationPrincipal Jwt jwt) {
        return ApiResponse.of(factors.factors(user(jwt)));
    }

    @Operation(summary = "Enroll a TOTP factor: the secret and its otpauth URI (for a QR code) are shown once")
    @PostMapping("/api/v1/auth/factors")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<EnrollResponse> enroll(
            @AuthenticationPrincipal Jwt jwt,
            @Valid @RequestBody(required = false) @Nullable EnrollRequest body,
            HttpServletRequest request) {
        var enrolled = factors.enroll(
                user(jwt),
                body == null ? null : body.friendlyName(),
                body == null ? null : body.issuer(),
                RequestOrigin.of(request));
        Factor factor = enrolled.factor();
        return ApiResponse.of(new EnrollResponse(
                factor.id(),
                factor.type(),
                factor.friendlyName(),
                factor.status(),
                new Totp(enrolled.secret(), enrolled.uri())));
    }

    @Operation(summary = "Start a challenge of a factor, answered once within its lifetime")
    @PostMapping("/api/v1/auth/factors/{factorId}/challenge")
    ApiResponse<Factors.Challenge> challenge(
            @AuthenticationPrincipal Jwt jwt, @PathVariable UUID factorId, HttpServletRequest request) {
        return ApiResponse.of(factors.challenge(user(jwt), factorId, RequestOrigin.of(request)));
    }

    @Operation(summary = "Answer a challenge with a TOTP code; the session is raised to aal2 (new tokens)")
    @PostMapping("/api/v1/auth/factors/{factorId}/verify")
    ApiResponse<VerifyResponse> verify(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable UUID factorId,
            @Valid @RequestBody VerifyRequest body,
            HttpServletRequest request) {
        var verified = factors.verify(
                user(jwt), session(jwt), factorId, body.challengeId(), body.code(), RequestOrigin.of(request));
        return ApiResponse.of(new VerifyResponse(verified.tokens(), verified.recoveryCodes()));
    }

    @Operation(summary = "Remove a factor; a verified factor only from an aal2 session")
    @DeleteMapping("/api/v1/auth/factors/{factorId}")
    ApiResponse<Map<String, UUID>> unenroll(
            @AuthenticationPrincipal Jwt jwt, @PathVariable UUID factorId, HttpServletRequest request) {
        factors.unenroll(user(jwt), factorId, aal(jwt), RequestOrigin.of(request));
        return ApiResponse.of(Map.of("id", factorId));
    }

    @Operation(summary = "Replace my recovery codes (aal2 session); the new codes are shown once")
    @PostMapping("/api/v1/auth/factors/recovery-codes")
    ApiResponse<List<String>> regenerate(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request) {
        return ApiResponse.of(factors.regenerateRecoveryCodes(user(jwt), aal(jwt), RequestOrigin.of(request)));
    }

    @Operation(summary = "Use a recovery code instead of a TOTP code; the session is raised to aal2")
    @PostMapping("/api/v1/auth/factors/recovery-codes/verify")
    ApiResponse<TokenPair> useRecoveryCode(
            @AuthenticationPrincipal Jwt jwt,
            @Valid @RequestBody RecoveryCodeRequest body,
            HttpServletRequest request) {
        return ApiResponse.of(factors.useRecoveryCode(user(jwt), session(jwt), body.code(), RequestOrigin.of(request)));
    }

    private static UUID user(Jwt jwt) {
        return UUID.fromString(jwt.getSubject());
    }

    private static UUID session(Jwt jwt) {
        String sid = jwt.getClaimAsString(ClaimNames.SESSION_ID);
        if (sid == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "The token has no session");
        }
        return UUID.fromString(sid);
    }

    private static String aal(Jwt jwt) {
        String aal = jwt.getClaimAsString(ClaimNames.ASSURANCE_LEVEL);
        return aal == null ? "aal1" : aal;
    }
}
