package dev.tenantcore.search.query;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** A document's source as stored (read by the OpenSearch client's own JSON mapper). */
@JsonIgnoreProperties(ignoreUnknown = true)
record StoredDocument(
        String id,
        String type,
        @JsonProperty("org_id") String orgId,
        @JsonProperty("team_id") @Nullable String teamId,
        String name,
        @Nullable String description,
        @JsonProperty("created_at") @Nullable String createdAt) {}
