package dev.tenantcore.auth.oauth;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.support.web.ApiException;
import java.util.Map;

/** Failures of provider sign-in, each with a stable code and a reason GoTrue clients know. */
public final class OAuthProblems {

    private OAuthProblems() {}

    static ApiException unknownProvider() {
        return new ApiException(
                ErrorCode.VALIDATION_FAILED,
                "Unsupported provider: provider is not enabled",
                Map.of("reason", "provider_disabled"));
    }

    static ApiException redirectNotAllowed() {
        return new ApiException(
                ErrorCode.VALIDATION_FAILED,
                "redirect_to is not an allowed redirect URL",
                Map.of("reason", "validation_failed"));
    }

    /** The state is missing, unknown, expired or was used already. */
    static ApiException invalidState() {
        return new ApiException(
                ErrorCode.VALIDATION_FAILED,
                "The sign-in state is invalid or expired; start the sign-in again",
                Map.of("reason", "bad_oauth_state"));
    }

    /** The provider answered the callback with an error (the user declined, for instance). */
    static ApiException providerDenied(String error) {
        return new ApiException(
                ErrorCode.UNAUTHORIZED,
                "The provider did not authorize the sign-in",
                Map.of("reason", "bad_oauth_callback", "providerError", error));
    }

    /** The provider refused the code, or its answer or ID token is not valid. */
    static ApiException providerRefused(String what) {
        return new ApiException(ErrorCode.UNAUTHORIZED, what, Map.of("reason", "bad_oauth_callback"));
    }

    static ApiException providerUnavailable() {
        return new ApiException(
                ErrorCode.UNAVAILABLE,
                "The sign-in provider cannot be reached; try again later",
                Map.of("reason", "provider_unavailable"));
    }

    /** The provider gave no e-mail address it has verified, so the identity can neither be linked nor registered. */
    static ApiException emailNotVerified() {
        return new ApiException(
                ErrorCode.FORBIDDEN,
                "The provider has not verified your e-mail address; verify it there, or sign up with e-mail and password",
                Map.of("reason", "email_not_verified"));
    }

    /** An account exists for the address, but its own address is not confirmed: linking could hand it over. */
    static ApiException accountNotConfirmed() {
        return new ApiException(
                ErrorCode.CONFLICT,
                "An account with this e-mail exists but is not confirmed; confirm it first, then sign in again",
                Map.of("reason", "email_exists"));
    }

    /** A PKCE flow code that is unknown, expired or used. */
    static ApiException flowCodeNotFound() {
        return new ApiException(
                ErrorCode.NOT_FOUND,
                "invalid flow state, no valid flow state found",
                Map.of("reason", "flow_state_not_found"));
    }

    static ApiException badCodeVerifier() {
        return new ApiException(
                ErrorCode.VALIDATION_FAILED,
                "code challenge does not match previously saved code verifier",
                Map.of("reason", "bad_code_verifier"));
    }

    /** Started sign-ins and flow codes live in Redis; without it no sign-in can start or finish. */
    static ApiException stateStoreUnavailable() {
        return new ApiException(
                ErrorCode.UNAVAILABLE,
                "Sign-in is unavailable right now; try again shortly",
                Map.of("reason", "service_unavailable"));
    }

    /** The envelope API's PKCE flow takes only S256 challenges. */
    static ApiException unsupportedChallengeMethod() {
        return new ApiException(
                ErrorCode.VALIDATION_FAILED,
                "code_challenge_method must be S256",
                Map.of(
                        "fields",
                        java.util.List.of(Map.of("field", "code_challenge_method", "message", "must be S256")),
                        "reason",
                        "validation_failed"));
    }
}
