package dev.tenantcore.auth.gotrue.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tenantcore.auth.audit.RequestOrigin;
import dev.tenantcore.auth.mfa.Factors;
import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.security.ClaimNames;
import dev.tenantcore.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** GoTrue's MFA endpoints over the MFA feature. */
@RestController
@Tag(name = "GoTrue compatibility")
class GoTrueFactorController {

    private final Factors factors;

    GoTrueFactorController(Factors factors) {
        this.factors = factors;
    }

    record EnrollRequest(
            @JsonProperty("factor_type") @Nullable @Size(max = 16)
            String factorType,

            @JsonProperty("friendly_name") @Nullable @Size(max = 128)
            String friendlyName,

            @Nullable @Size(max = 128) String issuer) {}

    record VerifyRequest(
            @JsonProperty("challenge_id") @NotNull UUID challengeId,
            @NotBlank @Size(max = 16) String code) {}

    @Operation(summary = "GoTrue: enroll a TOTP factor")
    @PostMapping("/auth/v1/factors")
    Map<String, Object> enroll(
            @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody EnrollRequest body, HttpServletRequest request) {
        if (body.factorType() != null && !"totp".equals(body.factorType())) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "factor_type must be totp");
        }
        var enrolled = factors.enroll(user(jwt), body.friendlyName(), body.issuer(), RequestOrigin.of(request));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", enrolled.factor().id().toString());
        out.put("type", "totp");
        out.put(
                "friendly_name",
                enrolled.factor().friendlyName() == null
                        ? ""
                        : enrolled.factor().friendlyName());
        out.put("totp", Map.of("secret", enrolled.secret(), "uri", enrolled.uri()));
        return out;
    }

    @Operation(summary = "GoTrue: challenge a factor")
    @PostMapping("/auth/v1/factors/{factorId}/challenge")
    Map<String, Object> challenge(
            @AuthenticationPrincipal Jwt jwt, @PathVariable UUID factorId, HttpServletRequest request) {
        var challenge = factors.challenge(user(jwt), factorId, RequestOrigin.of(request));
        return Map.of(
                "id", challenge.id().toString(),
                "type", challenge.type(),
                "expires_at", challenge.expiresAt().getEpochSecond());
    }

    @Operation(summary = "GoTrue: verify a challenge; answers with the aal2 session")
    @PostMapping("/auth/v1/factors/{factorId}/verify")
    Map<String, Object> verify(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable UUID factorId,
            @Valid @RequestBody VerifyRequest body,
            HttpServletRequest request) {
        UUID userId = user(jwt);
        String sid = jwt.getClaimAsString(ClaimNames.SESSION_ID);
        if (sid == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "The token has no session");
        }
        var verified = factors.verify(
                userId, UUID.fromString(sid), factorId, body.challengeId(), body.code(), RequestOrigin.of(request));
        return GoTrueShapes.session(verified.tokens(), factors.factors(userId));
    }

    @Operation(summary = "GoTrue: unenroll a factor (a verified one needs aal2)")
    @DeleteMapping("/auth/v1/factors/{factorId}")
    Map<String, Object> unenroll(
            @AuthenticationPrincipal Jwt jwt, @PathVariable UUID factorId, HttpServletRequest request) {
        String aal = jwt.getClaimAsString(ClaimNames.ASSURANCE_LEVEL);
        factors.unenroll(user(jwt), factorId, aal == null ? "aal1" : aal, RequestOrigin.of(request));
        return Map.of("id", factorId.toString());
    }

    private static UUID user(Jwt jwt) {
        return UUID.fromString(jwt.getSubject());
    }
}
