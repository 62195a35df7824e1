package dev.tenantcore.gateway.request;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses request targets (raw path and query) above {@link RequestProperties#maxUriLength()} with 414.
 * Netty's own limit ({@code server.netty.max-initial-line-length}) is set well above this one, so that the
 * refusal normally goes through the filters and the error handler like any other (request id, security
 * headers, envelope); what Netty refuses itself is answered by {@code response.MalformedRequests}.
 */
@Component
class UriLengthFilter implements WebFilter, Ordered {

    private final long maxLength;

    UriLengthFilter(RequestProperties properties) {
        this.maxLength = properties.maxUriLength().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var uri = exchange.getRequest().getURI();
        var path = uri.getRawPath();
        var query = uri.getRawQuery();
        long length = (path == null ? 0 : path.length()) + (query == null ? 0 : query.length() + 1);
        return length > maxLength ? Mono.error(UriTooLong.refused()) : chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return FilterOrder.URI_LENGTH;
    }

    /** A client's mistake, not a bug: no stack trace. */
    static final class UriTooLong extends ResponseStatusException {

        private UriTooLong() {
            super(HttpStatus.URI_TOO_LONG);
        }

        static UriTooLong refused() {
            return new UriTooLong();
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
