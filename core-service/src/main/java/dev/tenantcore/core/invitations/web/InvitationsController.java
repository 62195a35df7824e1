package dev.tenantcore.core.invitations.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.core.invitations.Invitation;
import dev.tenantcore.core.invitations.Invitations;
import dev.tenantcore.core.members.Member;
import dev.tenantcore.core.web.Caller;
import dev.tenantcore.core.web.Paging;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class InvitationsController {

    private final Invitations invitations;

    InvitationsController(Invitations invitations) {
        this.invitations = invitations;
    }

    /** Invites by e-mail with a role; the e-mail is sent as a job. Expires in 7 days. */
    @PostMapping("/api/v1/orgs/{orgId}/invitations")
    ResponseEntity<ApiResponse<Invitation>> invite(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable UUID orgId,
            @Valid @RequestBody InvitationRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(ApiResponse.of(invitations.invite(caller, orgId, request.email(), request.role())));
    }

    @GetMapping("/api/v1/orgs/{orgId}/invitations")
    ApiResponse<List<Invitation>> list(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable UUID orgId,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) @Nullable @Pattern(regexp = "pending|accepted|revoked") String status) {
        return invitations
                .list(caller.userId(), orgId, Paging.page(page, limit, null), status)
                .response();
    }

    @GetMapping("/api/v1/orgs/{orgId}/invitations/{invitationId}")
    ApiResponse<Invitation> get(
            @Parameter(hidden = true) Caller.User caller, @PathVariable UUID orgId, @PathVariable UUID invitationId) {
        return ApiResponse.of(invitations.get(caller.userId(), orgId, invitationId));
    }

    @DeleteMapping("/api/v1/orgs/{orgId}/invitations/{invitationId}")
    ResponseEntity<Void> revoke(
            @Parameter(hidden = true) Caller.User caller, @PathVariable UUID orgId, @PathVariable UUID invitationId) {
        invitations.revoke(caller.userId(), orgId, invitationId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/orgs/{orgId}/invitations/{invitationId}/resend")
    ApiResponse<Invitation> resend(
            @Parameter(hidden = true) Caller.User caller, @PathVariable UUID orgId, @PathVariable UUID invitationId) {
        return ApiResponse.of(invitations.resend(caller, orgId, invitationId));
    }

    /** Accepts an invitation as the signed-in user with the invited e-mail. */
    @PostMapping("/api/v1/invitations/{token}/accept")
    ApiResponse<Member> accept(
            @Parameter(hidden = true) Caller.User caller,
            @PathVariable @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_-]+") String token) {
        return ApiResponse.of(invitations.accept(caller, token));
    }

    /**
     * @param email who to invite
     * @param role the role they get: a built-in or custom role name
     */
    record InvitationRequest(
            @NotBlank @Email @Size(max = 320) String email,

            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,49}", message = "must be a role name")
            String role) {}
}
