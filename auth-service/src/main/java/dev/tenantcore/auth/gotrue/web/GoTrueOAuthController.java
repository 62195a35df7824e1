package dev.tenantcore.auth.gotrue.web;

import dev.tenantcore.auth.audit.RequestOrigin;
import dev.tenantcore.auth.oauth.CallbackUrl;
import dev.tenantcore.auth.oauth.OAuthLogins;
import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GoTrue's provider sign-in: {@code signInWithOAuth} of auth-js only builds the {@code /authorize} URL and sends the
 * browser there; the tokens come back in the fragment of {@code redirect_to} (the implicit flow, read by
 * {@code getSession} / {@code detectSessionInUrl}), or in auth-js's PKCE flow ({@code code_challenge}, the default of
 * {@code @supabase/ssr}) as {@code ?code=} for {@code exchangeCodeForSession} ({@code grant_type=pkce}).
 */
@RestController
@Tag(name = "GoTrue compatibility")
class GoTrueOAuthController {

    private static final String CALLBACK = "/auth/v1/callback";

    private final OAuthLogins logins;
    private final CallbackUrl callbackUrl;

    GoTrueOAuthController(OAuthLogins logins, CallbackUrl callbackUrl) {
        this.logins = logins;
        this.callbackUrl = callbackUrl;
    }

    @Operation(summary = "GoTrue: start a sign-in with a provider (302 to the provider)")
    @GetMapping("/auth/v1/authorize")
    ResponseEntity<Void> authorize(
            @RequestParam(required = false) @Nullable @Size(max = 64) String provider,
            @RequestParam(name = "redirect_to", required = false) @Nullable @Size(max = 2048) String redirectTo,
            @RequestParam(name = "code_challenge", required = false) @Nullable @Size(max = 128) String codeChallenge,
            @RequestParam(name = "code_challenge_method", required = false) @Nullable @Size(max = 8)
                    String codeChallengeMethod,
            HttpServletRequest request) {
        if (provider == null || provider.isBlank()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Unsupported provider: missing provider");
        }
        URI callback = callbackUrl.of(request, CALLBACK);
        return found(logins.authorize(provider, redirectTo, callback, codeChallenge, codeChallengeMethod)
                .toString());
    }

    @Operation(summary = "GoTrue: the providers' callback (302 to redirect_to with the session in the fragment)")
    @GetMapping(CALLBACK)
    ResponseEntity<Void> callback(
            @RequestParam(required = false) @Nullable @Size(max = 512) String state,
            @RequestParam(required = false) @Nullable @Size(max = 2048) String code,
            @RequestParam(required = false) @Nullable @Size(max = 256) String error,
            HttpServletRequest request) {
        return found(
                logins.complete(state, code, error, RequestOrigin.of(request)).toString());
    }

    private static ResponseEntity<Void> found(String location) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, location)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
