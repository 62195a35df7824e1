package dev.tenantcore.search.opensearch;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.support.web.ApiException;
import java.io.IOException;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.transport.httpclient5.ResponseException;

/**
 * OpenSearch could not be reached or refused work for now. Callers answer {@code unavailable} (503); the
 * event consumer retries. The message is fixed: nothing from OpenSearch reaches a client.
 */
public class OpenSearchUnavailable extends ApiException {

    private final String reason;

    private OpenSearchUnavailable(Throwable cause) {
        super(ErrorCode.UNAVAILABLE, "Search is temporarily unavailable");
        this.reason = cause.toString();
    }

    /** What went wrong, for logs only. */
    public String reason() {
        return reason;
    }

    public static OpenSearchUnavailable of(Throwable cause) {
        return new OpenSearchUnavailable(cause);
    }

    /**
     * Maps a failed call: I/O failures (refused, timed out) and overload answers become
     * {@link OpenSearchUnavailable}; any other error answer is a fault of ours and stays as it is.
     */
    public static RuntimeException translate(Exception e) {
        int status = statusOf(e);
        if (status == -1 && e instanceof IOException) {
            return of(e); // no answer at all: refused, reset or timed out
        }
        if (status == 429 || status >= 500) {
            return of(e);
        }
        if (e instanceof OpenSearchException os) {
            return os;
        }
        return new IllegalStateException("OpenSearch rejected a request with status " + status, e);
    }

    /** The HTTP status OpenSearch answered with, or -1 when there was no answer. */
    public static int statusOf(Exception e) {
        if (e instanceof OpenSearchException os) {
            return os.status();
        }
        if (e instanceof ResponseException response) {
            return response.status();
        }
        return -1;
    }
}
