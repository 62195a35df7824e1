package dev.tenantcore.gateway.request;

import org.springframework.core.Ordered;

/**
 * The sequence of the gateway's web filters, in one place. Client-sent identity headers are gone before
 * authentication runs, which is the only code that sets them; rate limits run once the caller is known.
 */
public final class FilterOrder {

    /** First, so that even a rejected request answers with its id. */
    public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE;

    /** Registers the security headers before anything can answer, so every response carries them. */
    public static final int RESPONSE_HEADERS = REQUEST_ID + 1;

    /** Before any code looks at the path: an overlong URL is refused before it is parsed further. */
    public static final int URI_LENGTH = REQUEST_ID + 2;

    /** Actuator endpoints other than health answer only the metrics scraper. */
    public static final int ACTUATOR_ACCESS = REQUEST_ID + 3;

    public static final int PATH_GUARD = REQUEST_ID + 4;
    public static final int ASSERTED_HEADERS = REQUEST_ID + 5;

    /** Before authentication: a preflight carries no credential. */
    public static final int CORS = REQUEST_ID + 6;

    public static final int BODY_SIZE = REQUEST_ID + 7;
    public static final int AUTHENTICATION = REQUEST_ID + 8;
    public static final int RATE_LIMIT = REQUEST_ID + 9;

    private FilterOrder() {}
}
