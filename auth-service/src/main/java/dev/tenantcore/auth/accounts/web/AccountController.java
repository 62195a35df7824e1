package dev.tenantcore.auth.accounts.web;

import dev.tenantcore.auth.accounts.Accounts;
import dev.tenantcore.auth.accounts.User;
import dev.tenantcore.auth.audit.RequestOrigin;
import dev.tenantcore.auth.sessions.AccountDeletion;
import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.security.ClaimNames;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sign-up, the current user's account and password recovery. */
@RestController
class AccountController {

    /** E-mail addresses need a dot in the domain; Bean Validation's default accepts {@code a@b}. */
    static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    private final Accounts accounts;
    private final AccountDeletion deletion;

    AccountController(Accounts accounts, AccountDeletion deletion) {
        this.accounts = accounts;
        this.deletion = deletion;
    }

    record SignupRequest(
            @NotBlank @Email(regexp = EMAIL) @Size(max = 254)
            String email,

            @NotBlank @Size(max = 1024) String password,
            @Nullable Map<String, Object> data) {}

    record UpdateUserRequest(
            @Nullable @Email(regexp = EMAIL) @Size(max = 254)
            String email,

            @Nullable @Size(min = 1, max = 1024) String password,
            @Nullable Map<String, Object> data) {}

    /** @param password the account's password; required when the account has one */
    record DeleteUserRequest(@Nullable @Size(max = 1024) String password) {}

    record RecoverRequest(
            @NotBlank @Email(regexp = EMAIL) @Size(max = 254)
            String email) {}

    @Operation(summary = "Create an account; a confirmation e-mail is sent when confirmation is required")
    @PostMapping("/api/v1/auth/signup")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<User> signup(@Valid @RequestBody SignupRequest body, HttpServletRequest request) {
        return ApiResponse.of(accounts.signUp(
                body.email(),
                body.password(),
                body.data() == null ? Map.of() : body.data(),
                RequestOrigin.of(request)));
    }

    @Operation(summary = "The signed-in user's account")
    @GetMapping("/api/v1/auth/user")
    ApiResponse<User> user(@AuthenticationPrincipal Jwt jwt) {
        return ApiResponse.of(accounts.find(UUID.fromString(jwt.getSubject())));
    }

    @Operation(summary = "Change password (ends other sessions), e-mail (confirmed at the new address) or metadata")
    @PutMapping("/api/v1/auth/user")
    ApiResponse<User> update(
            @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody UpdateUserRequest body, HttpServletRequest request) {
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
        return ApiResponse.of(user);
    }

    @Operation(
            summary = "Delete the signed-in user's account, its sessions, identities and factors",
            description = "An account with a password confirms with it: missing answers 400 (reason"
                    + " password_required), wrong 401 (reason invalid_password), too many wrong attempts 429 like"
                    + " logins. An account without a password needs a session signed in within the last 10 minutes,"
                    + " else 403 (reason reauthentication_needed). Every session's access token stops working at once;"
                    + " user.deleted is published.")
    @DeleteMapping("/api/v1/auth/user")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(
            @AuthenticationPrincipal Jwt jwt,
            @Valid @RequestBody(required = false) @Nullable DeleteUserRequest body,
            HttpServletRequest request) {
        String sid = jwt.getClaimAsString(ClaimNames.SESSION_ID);
        deletion.delete(
                UUID.fromString(jwt.getSubject()),
                sid == null ? null : UUID.fromString(sid),
                body == null ? null : body.password(),
                RequestOrigin.of(request));
    }

    @Operation(summary = "Send a password recovery e-mail; the answer is the same whether the account exists or not")
    @PostMapping("/api/v1/auth/recover")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ApiResponse<Map<String, String>> recover(@Valid @RequestBody RecoverRequest body, HttpServletRequest request) {
        accounts.requestRecovery(body.email(), RequestOrigin.of(request));
        return ApiResponse.of(Map.of("status", "If an account exists for this address, an e-mail is on its way"));
    }
}
