package dev.tenantcore.gateway.request;

import org.springframework.core.Ordered;

/**
 * The sequence of the request filters, in one place. All run before Spring Security's filter chain (which
 * will add the gateway-asserted identity headers), so a client's forged copies are gone before that.
 */
final class FilterOrder {

    /** First, so that even a rejected request answers with its id. */
    static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE;

    static final int PATH_GUARD = REQUEST_ID + 1;
    static final int ASSERTED_HEADERS = REQUEST_ID + 2;
    static final int BODY_SIZE = REQUEST_ID + 3;

    private FilterOrder() {}
}
