package dev.tenantcore.search.query;

import dev.tenantcore.search.coreapi.Grants;
import dev.tenantcore.search.index.SearchIndex;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * The caller's grants as a query filter: a document is readable if its type is readable org-wide, or it
 * belongs to a granted team, or it is a granted project, or (with "own projects") the caller created it.
 * Empty when nothing of the searched types is readable.
 */
final class AccessFilter {

    private AccessFilter() {}

    static Optional<Query> of(Grants grants, UUID userId, Collection<SearchIndex> types) {
        List<Query> readable = new ArrayList<>();
        for (SearchIndex type : types) {
            switch (type) {
                case PROJECTS -> {
                    if (grants.readsAll("projects")) {
                        readable.add(typeIs(type));
                    } else {
                        if (!grants.teamIds().isEmpty()) {
                            readable.add(both(typeIs(type), anyOf("team_id", grants.teamIds())));
                        }
                        if (!grants.projectIds().isEmpty()) {
                            readable.add(both(typeIs(type), anyOf("id", grants.projectIds())));
                        }
                        if (grants.ownProjects()) {
                            readable.add(both(typeIs(type), term("created_by", userId.toString())));
                        }
                    }
                }
                case TEAMS -> {
                    if (grants.readsAll("teams")) {
                        readable.add(typeIs(type));
                    } else if (!grants.teamIds().isEmpty()) {
                        readable.add(both(typeIs(type), anyOf("id", grants.teamIds())));
                    }
                }
                case ORGANIZATIONS -> {
                    if (grants.readsAll("organization")) {
                        readable.add(typeIs(type));
                    }
                }
            }
        }
        if (readable.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Query.of(q -> q.bool(b -> b.should(readable).minimumShouldMatch("1"))));
    }

    static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
    }

    private static Query typeIs(SearchIndex index) {
        return term("type", index.type());
    }

    private static Query anyOf(String field, Collection<UUID> ids) {
        List<FieldValue> values =
                ids.stream().map(id -> FieldValue.of(id.toString())).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values))));
    }

    private static Query both(Query a, Query b) {
        return Query.of(q -> q.bool(x -> x.filter(a, b)));
    }
}
