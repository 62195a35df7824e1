package dev.tenantcore.search.indexing;

/**
 * An event that can never be indexed: not a core event this service understands, or a change the index
 * refuses (mapping, validation). Retrying cannot help, so it goes to the DLT; every event before it in its
 * batch has been applied.
 */
class UnindexableEvent extends RuntimeException {

    private final int position;

    private UnindexableEvent(int position, String message, Throwable cause) {
        super(message, cause);
        this.position = position;
    }

    /** Its position in the batch. */
    int position() {
        return position;
    }

    static UnindexableEvent malformed(int position, ReceivedEvent event, Throwable cause) {
        return new UnindexableEvent(position, "malformed event at " + event.topic() + "@" + event.offset(), cause);
    }

    static UnindexableEvent refused(int position, ReceivedEvent event, String reason) {
        return new UnindexableEvent(
                position,
                "index refused the event at " + event.topic() + "@" + event.offset(),
                new IllegalArgumentException(reason));
    }
}
