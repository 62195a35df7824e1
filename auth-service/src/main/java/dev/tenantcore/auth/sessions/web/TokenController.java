package dev.tenantcore.auth.sessions.web;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.tenantcore.auth.accounts.Accounts;
import dev.tenantcore.auth.audit.RequestOrigin;
import dev.tenantcore.auth.oauth.OAuthLogins;
import dev.tenantcore.auth.sessions.Sessions;
import dev.tenantcore.auth.sessions.TokenPair;
import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Token grants (password, refresh token) and one-time-token verification, which also starts a session. */
@RestController
class TokenController {

    private final Sessions sessions;
    private final Accounts accounts;
    private final OAuthLogins oauth;

    TokenController(Sessions sessions, Accounts accounts, OAuthLogins oauth) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.oauth = oauth;
    }

    record TokenRequest(
            @Nullable @Size(max = 254) String email,
            @Nullable @Size(max = 1024) String password,

            @JsonAlias("refresh_token") @Nullable @Size(max = 512)
            String refreshToken,

            @JsonAlias("auth_code") @Nullable @Size(max = 512)
            String authCode,

            @JsonAlias("code_verifier") @Nullable @Size(min = 43, max = 128)
            String codeVerifier) {}

    record VerifyRequest(
            @NotBlank @Size(max = 32) String type,
            @NotBlank @Size(max = 512) String token) {}

    @Operation(
            summary = "Issue tokens: grant_type=password (email, password), refresh_token (refreshToken) or pkce"
                    + " (authCode from the sign-in callback, codeVerifier of the challenge sent to /authorize)")
    @PostMapping("/api/v1/auth/token")
    ApiResponse<TokenPair> token(
            @RequestParam("grant_type") String grantType,
            @Valid @RequestBody TokenRequest body,
            HttpServletRequest request) {
        RequestOrigin origin = RequestOrigin.of(request);
        return ApiResponse.of(
                switch (grantType) {
                    case "password" ->
                        sessions.passwordGrant(
                                required("email", body.email()), required("password", body.password()), origin);
                    case "refresh_token" ->
                        sessions.refreshGrant(required("refreshToken", body.refreshToken()), origin);
                    case "pkce" ->
                        oauth.exchangeFlowCode(
                                required("authCode", body.authCode()),
                                required("codeVerifier", body.codeVerifier()),
                                origin);
                    default ->
                        throw new ApiException(
                                ErrorCode.VALIDATION_FAILED, "grant_type must be password, refresh_token or pkce");
                });
    }

    @Operation(summary = "Use an e-mailed token (signup, recovery, email_change); answers with a new session")
    @PostMapping("/api/v1/auth/verify")
    ApiResponse<TokenPair> verify(@Valid @RequestBody VerifyRequest body, HttpServletRequest request) {
        RequestOrigin origin = RequestOrigin.of(request);
        var verified = accounts.verify(body.type(), body.token(), origin);
        String method = verified.type().equals("recovery") ? "recovery" : "otp";
        return ApiResponse.of(sessions.start(verified.user(), List.of(method), origin));
    }

    static String required(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new ApiException(
                    ErrorCode.VALIDATION_FAILED,
                    "The request is not valid",
                    java.util.Map.of(
                            "fields", List.of(java.util.Map.of("field", field, "message", "must not be blank"))));
        }
        return value;
    }
}
