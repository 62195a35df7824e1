package dev.tenantcore.auth.accounts;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.support.web.ApiException;
import java.util.List;
import java.util.Map;

/** Failures of account operations, each with a stable code. */
public final class AccountProblems {

    private AccountProblems() {}

    /** Wrong e-mail or password; never says which. */
    public static final class InvalidCredentials extends ApiException {
        private InvalidCredentials() {
            super(ErrorCode.UNAUTHORIZED, "Invalid e-mail or password");
        }

        public static InvalidCredentials create() {
            return new InvalidCredentials();
        }
    }

    /** Login before the e-mail address was confirmed. */
    public static final class EmailNotConfirmed extends ApiException {
        private EmailNotConfirmed() {
            super(
                    ErrorCode.UNAUTHORIZED,
                    "The e-mail address is not confirmed yet",
                    Map.of("reason", "email_not_confirmed"));
        }

        public static EmailNotConfirmed create() {
            return new EmailNotConfirmed();
        }
    }

    /** The password breaks the policy. */
    public static final class WeakPassword extends ApiException {
        private WeakPassword(String message) {
            super(
                    ErrorCode.VALIDATION_FAILED,
                    "The password is too weak",
                    Map.of(
                            "fields",
                            List.of(Map.of("field", "password", "message", message)),
                            "reason",
                            "weak_password"));
        }

        public static WeakPassword because(String message) {
            return new WeakPassword(message);
        }
    }

    /** Another account has this e-mail address. */
    public static final class EmailTaken extends ApiException {
        private EmailTaken() {
            super(ErrorCode.CONFLICT, "An account with this e-mail address exists", Map.of("reason", "email_exists"));
        }

        public static EmailTaken create() {
            return new EmailTaken();
        }
    }

    /** A confirmation or recovery token that is unknown, used or expired. */
    public static final class InvalidToken extends ApiException {
        private InvalidToken() {
            super(ErrorCode.UNAUTHORIZED, "The token is invalid or has expired", Map.of("reason", "otp_expired"));
        }

        public static InvalidToken create() {
            return new InvalidToken();
        }
    }

    /** A sensitive change confirmed with a wrong password. */
    public static final class WrongPassword extends ApiException {
        private WrongPassword() {
            super(ErrorCode.UNAUTHORIZED, "The password is not correct", Map.of("reason", "invalid_password"));
        }

        public static WrongPassword create() {
            return new WrongPassword();
        }
    }

    /** An account with a password must confirm a sensitive change with it. */
    public static final class PasswordRequired extends ApiException {
        private PasswordRequired() {
            super(
                    ErrorCode.VALIDATION_FAILED,
                    "Confirm with your password",
                    Map.of(
                            "fields",
                            List.of(Map.of("field", "password", "message", "must not be blank")),
                            "reason",
                            "password_required"));
        }

        public static PasswordRequired create() {
            return new PasswordRequired();
        }
    }

    /** An account without a password must have signed in recently for a sensitive change. */
    public static final class ReauthenticationNeeded extends ApiException {
        private ReauthenticationNeeded() {
            super(
                    ErrorCode.FORBIDDEN,
                    "Sign in again to confirm this change",
                    Map.of("reason", "reauthentication_needed"));
        }

        public static ReauthenticationNeeded create() {
            return new ReauthenticationNeeded();
        }
    }

    /** The account was deleted meanwhile. */
    public static final class AccountGone extends ApiException {
        private AccountGone() {
            super(ErrorCode.UNAUTHORIZED, "The account no longer exists", Map.of("reason", "user_not_found"));
        }

        public static AccountGone create() {
            return new AccountGone();
        }
    }
}
