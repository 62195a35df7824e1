package dev.tenantcore.core.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** @param role the name of a built-in or custom role of the org */
public record RoleBody(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,49}", message = "must be a role name")
        String role) {}
