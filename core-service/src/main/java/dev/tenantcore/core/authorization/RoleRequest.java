package dev.tenantcore.core.authorization;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A custom role to create or replace.
 *
 * @param name 1-50 lower-case letters, digits, - or _, not a built-in name
 * @param description up to 500 characters
 * @param permissions up to 50 permissions
 */
public record RoleRequest(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,49}", message = "must be 1-50 of a-z, 0-9, - and _")
        String name,

        @Nullable @Size(max = 500) String description,
        @NotNull @Size(max = 50) List<@Valid @NotNull Permission> permissions) {}
