package dev.tenantcore.auth.sessions;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A session as its owner sees it. */
public record SessionView(
        UUID id,
        String aal,
        List<String> amr,
        @Nullable String userAgent,
        @Nullable String ip,
        Instant createdAt,
        @Nullable Instant refreshedAt,
        Instant notAfter,
        boolean current) {}
