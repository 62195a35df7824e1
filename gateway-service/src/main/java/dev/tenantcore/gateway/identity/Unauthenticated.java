package dev.tenantcore.gateway.identity;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A missing, malformed, forged, expired or revoked credential. The client learns only that; the reason is
 * logged at debug, since telling an attacker which check failed helps them more than an honest client.
 */
final class Unauthenticated extends ResponseStatusException {

    private static final HttpHeaders CHALLENGE = HttpHeaders.readOnlyHttpHeaders(challenge());

    private Unauthenticated(String reason) {
        super(HttpStatus.UNAUTHORIZED, reason);
    }

    static Unauthenticated because(String reason) {
        return new Unauthenticated(reason);
    }

    @Override
    public HttpHeaders getHeaders() {
        return CHALLENGE;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    private static HttpHeaders challenge() {
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return headers;
    }
}
