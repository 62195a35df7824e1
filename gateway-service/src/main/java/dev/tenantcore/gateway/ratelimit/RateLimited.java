package dev.tenantcore.gateway.ratelimit;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A request over its bucket's limit: 429 with {@code Retry-After} and the {@code RateLimit-*} headers. */
final class RateLimited extends ResponseStatusException {

    private final HttpHeaders headers;

    private RateLimited(HttpHeaders headers) {
        super(HttpStatus.TOO_MANY_REQUESTS);
        this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
    }

    static RateLimited with(HttpHeaders headers) {
        return new RateLimited(headers);
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
