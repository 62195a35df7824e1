package dev.tenantcore.core.projects;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A project to create (name required) or the fields to change.
 *
 * @param name 1-200 characters
 * @param description up to 2000 characters
 * @param teamId a team of the same org
 */
public record ProjectRequest(
        @Nullable @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        String name,

        @Nullable @Size(max = 2000) String description,
        @Nullable UUID teamId) {}
