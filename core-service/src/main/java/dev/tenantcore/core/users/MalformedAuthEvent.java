package dev.tenantcore.core.users;

/** A record on {@code auth.users} that is not a valid event: it goes to the dead-letter topic, unapplied. */
class MalformedAuthEvent extends IllegalArgumentException {

    private MalformedAuthEvent(String message) {
        super(message);
    }

    static MalformedAuthEvent of(String reason) {
        return new MalformedAuthEvent("malformed auth event: " + reason);
    }
}
