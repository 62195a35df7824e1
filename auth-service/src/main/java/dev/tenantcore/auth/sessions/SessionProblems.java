package dev.tenantcore.auth.sessions;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.support.web.ApiException;
import java.time.Duration;
import java.util.Map;

/** Failures of grants and sessions. */
public final class SessionProblems {

    private SessionProblems() {}

    /** A refresh token that is unknown, expired, reused or belongs to a revoked session. */
    public static final class InvalidRefreshToken extends ApiException {
        private InvalidRefreshToken() {
            super(ErrorCode.UNAUTHORIZED, "The refresh token is invalid", Map.of("reason", "refresh_token_not_found"));
        }

        public static InvalidRefreshToken create() {
            return new InvalidRefreshToken();
        }
    }

    /** Too many failed logins for an account or from an address. */
    public static final class LoginRateLimited extends ApiException {
        private final Duration retryAfter;

        private LoginRateLimited(Duration retryAfter) {
            super(
                    ErrorCode.RATE_LIMITED,
                    "Too many failed logins; try again later",
                    Map.of("retryAfterSeconds", retryAfter.toSeconds()));
            this.retryAfter = retryAfter;
        }

        public static LoginRateLimited retryAfter(Duration retryAfter) {
            return new LoginRateLimited(retryAfter);
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** The session does not exist or is not the caller's. */
    public static ApiException sessionNotFound() {
        return ApiException.notFound("Session");
    }
}
