package dev.tenantcore.core.web;

import java.util.UUID;

/**
 * The authenticated user making a request, taken from the verified access token. Declare it as a controller
 * parameter; its profile exists by the time the controller runs.
 */
public record Caller(UUID userId, String email) {}
