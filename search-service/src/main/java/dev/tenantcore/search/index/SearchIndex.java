package dev.tenantcore.search.index;

import java.util.Arrays;
import java.util.Optional;

/** A searchable kind of document: the alias clients search and the {@code type} its documents carry. */
public enum SearchIndex {
    PROJECTS("projects", "project"),
    TEAMS("teams", "team"),
    ORGANIZATIONS("organizations", "organization");

    private final String alias;
    private final String type;

    SearchIndex(String alias, String type) {
        this.alias = alias;
        this.type = type;
    }

    /** The alias searches and writes go through, e.g. {@code projects}. */
    public String alias() {
        return alias;
    }

    /** The document type, e.g. {@code project}. */
    public String type() {
        return type;
    }

    /** The physical index of a generation, e.g. {@code projects_v2}. */
    public String generation(int n) {
        return alias + "_v" + n;
    }

    /** The generation number of one of this alias's physical indices, 0 if the name is not one. */
    public int generationOf(String indexName) {
        String prefix = alias + "_v";
        if (!indexName.startsWith(prefix)) {
            return 0;
        }
        try {
            return Integer.parseInt(indexName.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static Optional<SearchIndex> byAlias(String alias) {
        return Arrays.stream(values()).filter(i -> i.alias.equals(alias)).findFirst();
    }

    public static Optional<SearchIndex> byType(String type) {
        return Arrays.stream(values()).filter(i -> i.type.equals(type)).findFirst();
    }
}
