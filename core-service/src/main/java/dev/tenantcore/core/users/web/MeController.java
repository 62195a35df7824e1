package dev.tenantcore.core.users.web;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.core.organizations.Organization;
import dev.tenantcore.core.organizations.Organizations;
import dev.tenantcore.core.users.UserProfiles;
import dev.tenantcore.core.users.UserProfiles.UserProfile;
import dev.tenantcore.core.web.Caller;
import dev.tenantcore.core.web.Paging;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me")
class MeController {

    private static final int MEMBERSHIPS_SHOWN = 100;

    private final UserProfiles profiles;
    private final Organizations organizations;

    MeController(UserProfiles profiles, Organizations organizations) {
        this.profiles = profiles;
        this.organizations = organizations;
    }

    /** The caller's profile and (up to 100 of) their memberships; /api/v1/orgs pages through all. */
    @GetMapping
    ApiResponse<Me> me(@Parameter(hidden = true) Caller.User caller) {
        return ApiResponse.of(me(caller.userId(), caller));
    }

    @PatchMapping
    ApiResponse<Me> update(@Parameter(hidden = true) Caller.User caller, @Valid @RequestBody ProfileUpdate update) {
        profiles.rename(caller.userId(), update.displayName());
        return ApiResponse.of(me(caller.userId(), caller));
    }

    private Me me(java.util.UUID userId, Caller.User caller) {
        UserProfile profile = profiles.find(userId).orElseThrow();
        var memberships = organizations
                .listMine(userId, Paging.page(1, MEMBERSHIPS_SHOWN, "name"))
                .items();
        return new Me(profile, memberships);
    }

    /**
     * @param profile the caller's profile
     * @param memberships the caller's organizations with their role in each
     */
    record Me(UserProfile profile, List<Organization> memberships) {}

    /** @param displayName the name shown to others, up to 200 characters; null clears it */
    record ProfileUpdate(@Nullable @Size(max = 200) String displayName) {}
}
