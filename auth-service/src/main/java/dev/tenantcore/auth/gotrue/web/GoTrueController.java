package dev.tenantcore.auth.gotrue.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tenantcore.auth.accounts.Accounts;
import dev.tenantcore.auth.accounts.User;
import dev.tenantcore.auth.audit.RequestOrigin;
import dev.tenantcore.auth.config.AuthProperties;
import dev.tenantcore.auth.mfa.Factors;
import dev.tenantcore.auth.oauth.OAuthLogins;
import dev.tenantcore.auth.sessions.Sessions;
import dev.tenantcore.auth.sessions.TokenPair;
import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.security.ClaimNames;
import dev.tenantcore.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** GoTrue's account and session endpoints over the accounts and sessions features. */
@RestController
@Tag(name = "GoTrue compatibility", description = "Supabase auth (GoTrue) shapes, not the envelope")
class GoTrueController {

    /** E-mail addresses need a dot in the domain, as on the envelope API. */
    static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    private final Accounts accounts;
    private final Sessions sessions;
    private final Factors factors;
    private final AuthProperties properties;
    private final OAuthLogins oauth;

    GoTrueController(
            Accounts accounts, Sessions sessions, Factors factors, AuthProperties properties, OAuthLogins oauth) {
        this.oauth = oauth;
        this.accounts = accounts;
        this.sessions = sessions;
        this.factors = factors;
        this.properties = properties;
    }

    record SignupRequest(
            @NotBlank @Email(regexp = EMAIL) @Size(max = 254)
            String email,

            @NotBlank @Size(max = 1024) String password,
            @Nullable Map<String, Object> data) {}

    record TokenRequest(
            @Nullable @Size(max = 254) String email,
            @Nullable @Size(max = 1024) String password,

            @JsonProperty("refresh_token") @Nullable @Size(max = 512)
            String refreshToken,

            @JsonProperty("auth_code") @Nullable @Size(max = 512)
            String authCode,

            @JsonProperty("code_verifier") @Nullable @Size(max = 128)
            String codeVerifier) {}

    record UserRequest(
            @Nullable @Email(regexp = EMAIL) @Size(max = 254)
            String email,

            @Nullable @Size(min = 1, max = 1024) String password,
            @Nullable Map<String, Object> data) {}

    record RecoverRequest(
            @NotBlank @Email(regexp = EMAIL) @Size(max = 254)
            String email) {}

    record VerifyRequest(
            @NotBlank @Size(max = 32) String type,
            @Nullable @Size(max = 512) String token,

            @JsonProperty("token_hash") @Nullable @Size(max = 512)
            String tokenHash,

            @Nullable @Size(max = 254) String email) {}

    @Operation(summary = "GoTrue sign-up: the session when no confirmation is required, else the user")
    @PostMapping("/auth/v1/signup")
    Map<String, Object> signup(@Valid @RequestBody SignupRequest body, HttpServletRequest request) {
        RequestOrigin origin = RequestOrigin.of(request);
        User user =
                accounts.signUp(body.email(), body.password(), body.data() == null ? Map.of() : body.data(), origin);
        if (properties.signup().confirmationRequired()) {
            return GoTrueShapes.user(user, List.of());
        }
        return GoTrueShapes.session(sessions.start(user, List.of("password"), origin), List.of());
    }

    @Operation(
            summary =
                    "GoTrue token grants: grant_type=password (email, password), refresh_token or pkce (auth_code, code_verifier)")
    @PostMapping("/auth/v1/token")
    Map<String, Object> token(
            @RequestParam("grant_type") String grantType,
            @Valid @RequestBody TokenRequest body,
            HttpServletRequest request) {
        RequestOrigin origin = RequestOrigin.of(request);
        TokenPair pair = switch (grantType) {
            case "password" ->
                sessions.passwordGrant(required("email", body.email()), required("password", body.password()), origin);
            case "refresh_token" -> sessions.refreshGrant(required("refresh_token", body.refreshToken()), origin);
            case "pkce" ->
                oauth.exchangeFlowCode(
                        required("auth_code", body.authCode()), required("code_verifier", body.codeVerifier()), origin);
            default -> throw new ApiException(ErrorCode.VALIDATION_FAILED, "unsupported_grant_type");
        };
        return session(pair);
    }

    @Operation(summary = "GoTrue: the signed-in user, with factors")
    @GetMapping("/auth/v1/user")
    Map<String, Object> user(@AuthenticationPrincipal Jwt jwt) {
        UUID id = UUID.fromString(jwt.getSubject());
        return GoTrueShapes.user(accounts.find(id), factors.factors(id));
    }

    @Operation(summary = "GoTrue: change password (ends other sessions), e-mail (confirmed at the new address), data")
    @PutMapping("/auth/v1/user")
    Map<String, Object> update(
            @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody UserRequest body, HttpServletRequest request) {
        UUID id = UUID.fromString(jwt.getSubject());
        User user = accounts.find(id);
        if (body.password() != null) {
            String sid = jwt.getClaimAsString(ClaimNames.SESSION_ID);
            user = accounts.changePassword(
                    id, body.password(), sid == null ? null : UUID.fromString(sid), RequestOrigin.of(request));
        }
        if (body.email() != null) {
            user = accounts.requestEmailChange(id, body.email());
        }
        if (body.data() != null) {
            user = accounts.updateMetadata(id, body.data(), RequestOrigin.of(request));
        }
        return GoTrueShapes.user(user, factors.factors(id));
    }

    @Operation(summary = "GoTrue logout: scope global (default in auth-js), local or others")
    @PostMapping("/auth/v1/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(defaultValue = "global") String scope,
            HttpServletRequest request) {
        Sessions.Scope parsed = switch (scope.toLowerCase(Locale.ROOT)) {
            case "local" -> Sessions.Scope.LOCAL;
            case "others" -> Sessions.Scope.OTHERS;
            case "global" -> Sessions.Scope.GLOBAL;
            default -> throw new ApiException(ErrorCode.VALIDATION_FAILED, "scope must be global, local or others");
        };
        String sid = jwt.getClaimAsString(ClaimNames.SESSION_ID);
        if (sid == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "The token has no session");
        }
        sessions.logout(UUID.fromString(jwt.getSubject()), UUID.fromString(sid), parsed, RequestOrigin.of(request));
    }

    @Operation(summary = "GoTrue: send a recovery e-mail; the answer does not tell whether the account exists")
    @PostMapping("/auth/v1/recover")
    Map<String, Object> recover(@Valid @RequestBody RecoverRequest body, HttpServletRequest request) {
        accounts.requestRecovery(body.email(), RequestOrigin.of(request));
        return Map.of();
    }

    @Operation(summary = "GoTrue: use an e-mailed token (token or token_hash; signup, recovery, email_change)")
    @PostMapping("/auth/v1/verify")
    Map<String, Object> verify(@Valid @RequestBody VerifyRequest body, HttpServletRequest request) {
        RequestOrigin origin = RequestOrigin.of(request);
        String token = body.tokenHash() != null ? body.tokenHash() : required("token", body.token());
        var verified = accounts.verify(body.type(), token, origin);
        String method = verified.type().equals("recovery") ? "recovery" : "otp";
        return session(sessions.start(verified.user(), List.of(method), origin));
    }

    @Operation(summary = "GoTrue: the server's public settings")
    @GetMapping("/auth/v1/settings")
    Map<String, Object> settings() {
        Map<String, Object> external = new java.util.TreeMap<>();
        properties.oauth().providers().keySet().forEach(provider -> external.put(provider, true));
        external.putAll(Map.of("email", true, "phone", false, "anonymous_users", false));
        return Map.of(
                "external",
                external,
                "disable_signup",
                false,
                "mailer_autoconfirm",
                !properties.signup().confirmationRequired(),
                "phone_autoconfirm",
                false,
                "sms_provider",
                "",
                "saml_enabled",
                false);
    }

    private Map<String, Object> session(TokenPair pair) {
        return GoTrueShapes.session(pair, factors.factors(pair.user().id()));
    }

    private static String required(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, field + " must not be blank");
        }
        return value;
    }
}
