package dev.tenantcore.search.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One result.
 *
 * @param type project, team or organization
 * @param id its id
 * @param orgId its org
 * @param teamId the owning team of a project (the team itself for a team)
 * @param name its name
 * @param description its description
 * @param createdAt when it was created
 * @param score relevance, higher is better
 * @param highlights per field, HTML-escaped fragments with matches in {@code <em>}
 */
public record SearchHit(
        String type,
        UUID id,
        UUID orgId,
        @Nullable UUID teamId,
        String name,
        @Nullable String description,
        @Nullable Instant createdAt,
        double score,
        Map<String, List<String>> highlights) {}
