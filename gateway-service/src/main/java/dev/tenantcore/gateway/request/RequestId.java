package dev.tenantcore.gateway.request;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;

/**
 * The id that ties a request's log lines together across the gateway and the services. A client may bring
 * its own (for example to correlate its retries); it is kept only if short and made of safe characters,
 * because it ends up in every log line and response.
 */
public final class RequestId {

    private static final String ATTRIBUTE = RequestId.class.getName();
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestId() {}

    /** The id of the request in this exchange, once the request filter has run. */
    public static Optional<String> of(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }

    static String acceptOrGenerate(@Nullable String incoming) {
        return incoming != null && SAFE.matcher(incoming).matches()
                ? incoming
                : UUID.randomUUID().toString();
    }

    static void remember(ServerWebExchange exchange, String id) {
        exchange.getAttributes().put(ATTRIBUTE, id);
    }
}
