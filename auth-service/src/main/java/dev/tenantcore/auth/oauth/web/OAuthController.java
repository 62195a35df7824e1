package dev.tenantcore.auth.oauth.web;

import dev.tenantcore.auth.audit.RequestOrigin;
import dev.tenantcore.auth.oauth.CallbackUrl;
import dev.tenantcore.auth.oauth.OAuthLogins;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in with a provider: the browser is sent there (302) and comes back to the callback. */
@RestController
class OAuthController {

    static final String CALLBACK = "/api/v1/auth/callback";

    private final OAuthLogins logins;
    private final CallbackUrl callbackUrl;

    OAuthController(OAuthLogins logins, CallbackUrl callbackUrl) {
        this.logins = logins;
        this.callbackUrl = callbackUrl;
    }

    @Operation(
            summary = "Start a sign-in with a provider: 302 to the provider's login (PKCE S256, state, nonce)",
            description = "redirect_to must be the site URL or on the redirect allow-list; it receives the tokens"
                    + " in the URL fragment after the callback. With the app's own PKCE challenge (code_challenge,"
                    + " code_challenge_method=S256) it receives ?code= instead, which POST"
                    + " /api/v1/auth/token?grant_type=pkce trades with the verifier for tokens.")
    @GetMapping("/api/v1/auth/authorize")
    ResponseEntity<Void> authorize(
            @Parameter(description = "a configured provider, e.g. github or google")
                    @RequestParam
                    @NotBlank
                    @Size(max = 64)
                    String provider,
            @RequestParam(name = "redirect_to", required = false) @Nullable @Size(max = 2048) String redirectTo,
            @Parameter(description = "the app's PKCE challenge: BASE64URL(SHA-256(verifier)), 43 characters")
                    @RequestParam(name = "code_challenge", required = false)
                    @Nullable
                    @Size(min = 43, max = 128)
                    String codeChallenge,
            @Parameter(description = "S256, required with code_challenge")
                    @RequestParam(name = "code_challenge_method", required = false)
                    @Nullable
                    @Size(max = 8)
                    String codeChallengeMethod,
            HttpServletRequest request) {
        URI callback = callbackUrl.of(request, CALLBACK);
        if (codeChallenge == null) {
            return found(logins.authorize(provider, redirectTo, callback));
        }
        return found(logins.authorizeWithS256(provider, redirectTo, callback, codeChallenge, codeChallengeMethod));
    }

    @Operation(
            summary = "The providers' callback: 302 to redirect_to with access_token, refresh_token, expires_in and"
                    + " token_type in the fragment")
    @GetMapping(CALLBACK)
    ResponseEntity<Void> callback(
            @RequestParam(required = false) @Nullable @Size(max = 512) String state,
            @RequestParam(required = false) @Nullable @Size(max = 2048) String code,
            @RequestParam(required = false) @Nullable @Size(max = 256) String error,
            HttpServletRequest request) {
        return found(logins.complete(state, code, error, RequestOrigin.of(request)));
    }

    static ResponseEntity<Void> found(URI location) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, location.toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
