package dev.tenantcore.search.indexing;

/** A record that is not a core event this service understands; retrying cannot help, so it goes to the DLT. */
class MalformedEvent extends RuntimeException {

    private MalformedEvent(String message, Throwable cause) {
        super(message, cause);
    }

    static MalformedEvent of(String topic, long offset, Throwable cause) {
        return new MalformedEvent("malformed event at " + topic + "@" + offset, cause);
    }
}
