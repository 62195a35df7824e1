package dev.tenantcore.auth.gotrue.web;

import dev.tenantcore.support.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A GoTrue error: {@code {"code": <HTTP status>, "error_code": "...", "msg": "..."}} (what auth-js parses into an
 * {@code AuthApiError}); weak passwords add {@code weak_password.reasons}.
 */
record GoTrueError(
        int status, String errorCode, String msg, @Nullable List<String> weakPasswordReasons) {

    GoTrueError(int status, String errorCode, String msg) {
        this(status, errorCode, msg, null);
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", status);
        body.put("error_code", errorCode);
        body.put("msg", msg);
        if (weakPasswordReasons != null) {
            body.put("weak_password", Map.of("reasons", weakPasswordReasons));
        }
        return body;
    }

    void write(HttpServletResponse response, JsonMapper json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(json.writeValueAsString(body()).getBytes(StandardCharsets.UTF_8));
    }

    /** GoTrue's status, code and message for a failure of the features, by its reason where it has one. */
    static GoTrueError of(ApiException e) {
        Object reason = e.details().get("reason");
        if (reason instanceof String r) {
            switch (r) {
                case "email_not_confirmed" -> {
                    return new GoTrueError(400, r, "Email not confirmed");
                }
                case "weak_password" -> {
                    return new GoTrueError(422, r, e.getMessage(), weakReasons(e));
                }
                case "email_exists" -> {
                    return new GoTrueError(422, "user_already_exists", "User already registered");
                }
                case "otp_expired" -> {
                    return new GoTrueError(403, r, "Token has expired or is invalid");
                }
                case "refresh_token_not_found" -> {
                    return new GoTrueError(400, r, "Invalid Refresh Token: Refresh Token Not Found");
                }
                case "mfa_verification_failed" -> {
                    return new GoTrueError(422, r, "Invalid TOTP code entered");
                }
                case "mfa_challenge_expired" -> {
                    return new GoTrueError(422, r, e.getMessage());
                }
                case "insufficient_aal" -> {
                    return new GoTrueError(403, r, "AAL2 required to unenroll verified factor");
                }
                case "mfa_factor_not_found" -> {
                    return new GoTrueError(404, r, "Factor not found");
                }
                case "flow_state_not_found" -> {
                    return new GoTrueError(404, r, e.getMessage());
                }
                case "provider_disabled", "bad_oauth_state", "bad_code_verifier" -> {
                    return new GoTrueError(400, r, e.getMessage());
                }
                case "bad_oauth_callback" -> {
                    return new GoTrueError(401, r, e.getMessage());
                }
                case "email_not_verified" -> {
                    return new GoTrueError(403, r, e.getMessage());
                }
                case "provider_unavailable" -> {
                    return new GoTrueError(503, r, e.getMessage());
                }
                case "mfa_factor_name_conflict", "too_many_enrolled_mfa_factors" -> {
                    return new GoTrueError(422, r, e.getMessage());
                }
                default -> {
                    // the status of its code below
                }
            }
        }
        return switch (e.code()) {
            case UNAUTHORIZED ->
                e.getMessage().startsWith("Invalid e-mail or password")
                        ? new GoTrueError(400, "invalid_credentials", "Invalid login credentials")
                        : new GoTrueError(401, "no_authorization", e.getMessage());
            case VALIDATION_FAILED -> new GoTrueError(400, "validation_failed", e.getMessage());
            case FORBIDDEN -> new GoTrueError(403, "not_admin", e.getMessage());
            case NOT_FOUND -> new GoTrueError(404, "not_found", e.getMessage());
            case CONFLICT -> new GoTrueError(422, "conflict", e.getMessage());
            case RATE_LIMITED -> new GoTrueError(429, "over_request_rate_limit", e.getMessage());
            case PAYLOAD_TOO_LARGE -> new GoTrueError(413, "request_too_large", e.getMessage());
            default -> new GoTrueError(500, "unexpected_failure", "Unexpected failure, please check server logs");
        };
    }

    private static List<String> weakReasons(ApiException e) {
        String text = String.valueOf(e.details().get("fields"));
        if (text.contains("too common")) {
            return List.of("pwned");
        }
        return List.of("length");
    }
}
