package dev.tenantcore.gateway.request;

import org.springframework.web.server.PayloadTooLargeException;

/**
 * A request body above the configured limit. A client's mistake, not a bug, so it carries no stack trace:
 * the proxying client logs the failure of a streamed body, and a trace would only bury that line.
 */
final class BodyTooLarge extends PayloadTooLargeException {

    private BodyTooLarge() {
        super(null);
    }

    static BodyTooLarge refused() {
        return new BodyTooLarge();
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
