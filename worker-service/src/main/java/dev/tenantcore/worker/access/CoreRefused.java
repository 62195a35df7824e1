package dev.tenantcore.worker.access;

/** core-service answered a request of the worker with a client error (4xx): asking again will not help. */
public class CoreRefused extends RuntimeException {

    private CoreRefused(String message) {
        super(message);
    }

    public static CoreRefused of(String what, int status) {
        return new CoreRefused("core-service refused " + what + " with " + status);
    }
}
