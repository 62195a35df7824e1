package dev.tenantcore.search.index;

import java.util.UUID;

/** One versioned change to the index: a document stored, or removed as of a version. */
public sealed interface DocumentChange {

    SearchIndex index();

    UUID id();

    UUID orgId();

    long version();

    /** Stores the document unless a newer version is there. */
    record Put(SearchDocument document) implements DocumentChange {

        @Override
        public SearchIndex index() {
            return document.index();
        }

        @Override
        public UUID id() {
            return document.id();
        }

        @Override
        public UUID orgId() {
            return document.orgId();
        }

        @Override
        public long version() {
            return document.version();
        }
    }

    /** Removes the document as of {@code version}, leaving a versioned tombstone. */
    record Remove(SearchIndex index, UUID id, UUID orgId, long version) implements DocumentChange {}
}
