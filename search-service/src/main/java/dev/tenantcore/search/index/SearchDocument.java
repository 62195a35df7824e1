package dev.tenantcore.search.index;

import dev.tenantcore.contracts.events.core.OrganizationSnapshot;
import dev.tenantcore.contracts.events.core.ProjectSnapshot;
import dev.tenantcore.contracts.events.core.TeamSnapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One searchable document with its access fields, as of {@code version}.
 *
 * @param index where it lives
 * @param id the project, team or organization id (also the document id)
 * @param orgId the tenant; also the routing key
 * @param teamId the owning team of a project, the team itself for a team; null otherwise
 * @param createdBy who created it, for "own projects" grants
 * @param name the name, searchable while typing
 * @param description free text
 * @param createdAt creation time, for range filters
 * @param updatedAt last change
 * @param version the aggregate's version, used as the external document version
 */
public record SearchDocument(
        SearchIndex index,
        UUID id,
        UUID orgId,
        @Nullable UUID teamId,
        @Nullable UUID createdBy,
        String name,
        @Nullable String description,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static SearchDocument of(ProjectSnapshot p) {
        return new SearchDocument(
                SearchIndex.PROJECTS,
                p.projectId(),
                p.orgId(),
                p.teamId(),
                p.createdBy(),
                p.name(),
                p.description(),
                p.createdAt(),
                p.updatedAt(),
                p.version());
    }

    public static SearchDocument of(TeamSnapshot t) {
        return new SearchDocument(
                SearchIndex.TEAMS,
                t.teamId(),
                t.orgId(),
                t.teamId(),
                t.createdBy(),
                t.name(),
                t.description(),
                t.createdAt(),
                t.updatedAt(),
                t.version());
    }

    public static SearchDocument of(OrganizationSnapshot o) {
        return new SearchDocument(
                SearchIndex.ORGANIZATIONS,
                o.orgId(),
                o.orgId(),
                null,
                null,
                o.name(),
                null,
                o.createdAt(),
                o.updatedAt(),
                o.version());
    }

    /** The stored source, in the mapping's field names. */
    Map<String, Object> source() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("id", id.toString());
        source.put("type", index.type());
        source.put("org_id", orgId.toString());
        if (teamId != null) {
            source.put("team_id", teamId.toString());
        }
        if (createdBy != null) {
            source.put("created_by", createdBy.toString());
        }
        source.put("name", name);
        if (description != null) {
            source.put("description", description);
        }
        source.put("created_at", createdAt.toString());
        source.put("updated_at", updatedAt.toString());
        source.put("version", version);
        return source;
    }
}
