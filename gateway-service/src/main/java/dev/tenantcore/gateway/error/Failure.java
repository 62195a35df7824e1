package dev.tenantcore.gateway.error;

import dev.tenantcore.contracts.api.ErrorCode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ResponseStatusException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * What the client is told about a failure: a stable code, its status, a fixed sentence (never exception
 * text) and the headers the status requires, such as {@code Allow} for 405.
 */
record Failure(ErrorCode code, int status, String message, HttpHeaders headers) {

    static Failure of(Throwable failure) {
        var causes = causes(failure);
        if (causes.stream().anyMatch(Failure::downstreamUnreachable)) {
            return of(ErrorCode.UNAVAILABLE, ErrorCode.UNAVAILABLE.status(), HttpHeaders.EMPTY);
        }
        // The first status in the chain: a body-limit failure may arrive wrapped by the proxying client.
        return causes.stream()
                .filter(ResponseStatusException.class::isInstance)
                .map(ResponseStatusException.class::cast)
                .findFirst()
                .map(Failure::fromStatus)
                .orElseGet(() -> of(ErrorCode.INTERNAL, ErrorCode.INTERNAL.status(), HttpHeaders.EMPTY));
    }

    boolean isServerError() {
        return status >= 500;
    }

    private static Failure fromStatus(ResponseStatusException failure) {
        int status = failure.getStatusCode().value();
        var code = ErrorCode.forStatus(status);
        // Client errors keep their exact status; server errors use the catalogue's, so 502 reads as 503.
        if (status == 414) {
            // No code of its own in the catalogue yet: the generic client-error code, with a precise sentence.
            return new Failure(code, status, "The request URL is too long.", failure.getHeaders());
        }
        return of(code, status >= 500 ? code.status() : status, failure.getHeaders());
    }

    private static Failure of(ErrorCode code, int status, HttpHeaders headers) {
        return new Failure(code, status, messageFor(code), headers);
    }

    /**
     * Connection refused, unknown host, connect or response timeout, a service hanging up mid-answer (closed or
     * reset connection, as when it is killed), or its circuit breaker open or bulkhead full.
     */
    private static boolean downstreamUnreachable(Throwable cause) {
        return cause instanceof ConnectException
                || cause instanceof java.net.SocketException
                || cause instanceof java.nio.channels.ClosedChannelException
                || cause instanceof reactor.netty.channel.AbortedException
                // Netty's native transport reports a reset connection as its own IOException.
                || (cause instanceof java.io.IOException
                        && cause.getClass().getName().startsWith("io.netty.channel.unix."))
                || cause instanceof CallNotPermittedException
                || cause instanceof org.springframework.cloud.gateway.support.ServiceUnavailableException
                || cause.getClass().getName().equals("io.github.resilience4j.bulkhead.BulkheadFullException")
                || cause instanceof UnknownHostException
                || cause instanceof PrematureCloseException
                || cause instanceof java.util.concurrent.TimeoutException
                || cause instanceof io.netty.handler.timeout.TimeoutException
                || cause instanceof org.springframework.cloud.gateway.support.TimeoutException;
    }

    private static List<Throwable> causes(Throwable failure) {
        var chain = new ArrayList<Throwable>();
        // Bounded and identity-checked, so a cyclic cause chain cannot loop forever.
        for (Throwable t = failure; t != null && chain.size() < 32 && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static String messageFor(ErrorCode code) {
        return switch (code) {
            case UNAUTHORIZED -> "A valid access token or API key is required.";
            case FORBIDDEN -> "You are not allowed to do this.";
            case RATE_LIMITED -> "Too many requests; try again later.";
            case NOT_FOUND -> "Nothing is here.";
            case METHOD_NOT_ALLOWED -> "This method is not allowed here.";
            case NOT_ACCEPTABLE -> "No acceptable representation is available.";
            case UNSUPPORTED_MEDIA_TYPE -> "This content type is not supported here.";
            case PAYLOAD_TOO_LARGE -> "The request body is too large.";
            case UNAVAILABLE -> "The service is temporarily unavailable; try again shortly.";
            case TIMEOUT -> "The service did not answer in time.";
            case INTERNAL -> "Something went wrong on our side.";
            default -> "The request could not be processed.";
        };
    }
}
