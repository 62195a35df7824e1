package dev.tenantcore.auth.mfa;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.support.web.ApiException;
import java.util.Map;

/** Failures of MFA operations, each with a stable code and a GoTrue-compatible reason. */
public final class MfaProblems {

    private MfaProblems() {}

    /** The factor does not exist or is not the caller's. */
    public static ApiException factorNotFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "Factor not found", Map.of("reason", "mfa_factor_not_found"));
    }

    /** The challenge is unknown, answered already, expired or of another factor. */
    public static ApiException challengeNotFound() {
        return new ApiException(
                ErrorCode.NOT_FOUND,
                "The challenge does not exist or has expired",
                Map.of("reason", "mfa_challenge_expired"));
    }

    /** A wrong, expired or already used code. */
    public static ApiException invalidCode() {
        return new ApiException(
                ErrorCode.UNAUTHORIZED,
                "The code is invalid or was used already",
                Map.of("reason", "mfa_verification_failed"));
    }

    /** A change to verified factors needs a session that passed a second factor. */
    public static ApiException insufficientAal() {
        return new ApiException(
                ErrorCode.FORBIDDEN,
                "This needs a session verified with a second factor (aal2)",
                Map.of("reason", "insufficient_aal"));
    }

    /** Another factor of the user has this name. */
    public static ApiException nameTaken() {
        return new ApiException(
                ErrorCode.CONFLICT,
                "A factor with this friendly name exists",
                Map.of("reason", "mfa_factor_name_conflict"));
    }

    /** Too many factors. */
    public static ApiException tooMany() {
        return new ApiException(
                ErrorCode.VALIDATION_FAILED,
                "Too many factors; remove one first",
                Map.of("reason", "too_many_enrolled_mfa_factors"));
    }
}
