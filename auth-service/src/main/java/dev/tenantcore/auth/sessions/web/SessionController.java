package dev.tenantcore.auth.sessions.web;

import dev.tenantcore.auth.audit.RequestOrigin;
import dev.tenantcore.auth.sessions.SessionView;
import dev.tenantcore.auth.sessions.Sessions;
import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.contracts.security.ClaimNames;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's sessions and logout. */
@RestController
class SessionController {

    private final Sessions sessions;

    SessionController(Sessions sessions) {
        this.sessions = sessions;
    }

    @Operation(summary = "My active sessions, newest first")
    @GetMapping("/api/v1/auth/sessions")
    ApiResponse<List<SessionView>> list(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int limit) {
        var result = sessions.list(user(jwt), session(jwt), new PageQuery(page, limit, null));
        return ApiResponse.page(result.items(), result.meta());
    }

    @Operation(summary = "Revoke one of my sessions")
    @DeleteMapping("/api/v1/auth/sessions/{sessionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID sessionId, HttpServletRequest request) {
        sessions.revoke(user(jwt), sessionId, RequestOrigin.of(request));
    }

    @Operation(summary = "Revoke all my sessions except this one")
    @DeleteMapping("/api/v1/auth/sessions")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeOthers(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request) {
        sessions.logout(user(jwt), session(jwt), Sessions.Scope.OTHERS, RequestOrigin.of(request));
    }

    @Operation(summary = "Log out: scope local (this session), others, or global (all)")
    @PostMapping("/api/v1/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(defaultValue = "local") String scope,
            HttpServletRequest request) {
        sessions.logout(user(jwt), session(jwt), scope(scope), RequestOrigin.of(request));
    }

    static Sessions.Scope scope(String scope) {
        return switch (scope.toLowerCase(Locale.ROOT)) {
            case "local" -> Sessions.Scope.LOCAL;
            case "others" -> Sessions.Scope.OTHERS;
            case "global" -> Sessions.Scope.GLOBAL;
            default -> throw new IllegalArgumentException("scope must be local, others or global");
        };
    }

    static UUID user(Jwt jwt) {
        return UUID.fromString(jwt.getSubject());
    }

    static UUID session(Jwt jwt) {
        return UUID.fromString(jwt.getClaimAsString(ClaimNames.SESSION_ID));
    }
}
