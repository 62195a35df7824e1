package dev.tenantcore.core.organizations;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Bodies of the organization endpoints. */
public final class OrganizationRequests {

    private OrganizationRequests() {}

    /**
     * @param name 1-200 characters
     * @param slug optional URL name (a-z, 0-9, -; up to 63); derived from the name when absent
     * @param subscriptionTier free (default), pro or enterprise
     */
    public record Create(
            @NotBlank @Size(max = 200) String name,

            @Nullable @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be 1-63 of a-z, 0-9 and -")
            String slug,

            @Nullable @Pattern(regexp = "free|pro|enterprise", message = "must be free, pro or enterprise")
            String subscriptionTier) {}

    /**
     * @param name new name, 1-200 characters
     * @param subscriptionTier new tier: free, pro or enterprise
     */
    public record Update(
            @Nullable @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
            String name,

            @Nullable @Pattern(regexp = "free|pro|enterprise", message = "must be free, pro or enterprise")
            String subscriptionTier) {}
}
