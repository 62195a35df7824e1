package dev.tenantcore.core.teams;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A team to create (name required) or the fields to change.
 *
 * @param name 1-200 characters, unique in the org
 * @param description up to 2000 characters
 */
public record TeamRequest(
        @Nullable @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        String name,

        @Nullable @Size(max = 2000) String description) {}
