package dev.tenantcore.search.query;

import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.search.index.SearchIndex;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A validated search.
 *
 * @param orgId the org searched in
 * @param text what the user typed (1-200 characters); matched with typo tolerance and as a prefix
 * @param types the kinds of documents searched
 * @param teamId only documents of this team
 * @param createdFrom only documents created at or after this time
 * @param createdTo only documents created before this time
 * @param page which page
 */
public record SearchCriteria(
        UUID orgId,
        String text,
        List<SearchIndex> types,
        @Nullable UUID teamId,
        @Nullable Instant createdFrom,
        @Nullable Instant createdTo,
        PageQuery page) {

    public static final int MAX_TEXT = 200;

    public SearchCriteria {
        text = text.strip();
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("q must have between 1 and " + MAX_TEXT + " characters");
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("type is unknown");
        }
        types = List.copyOf(types);
    }
}
