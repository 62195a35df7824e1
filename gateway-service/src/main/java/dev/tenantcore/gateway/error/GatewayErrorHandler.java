package dev.tenantcore.gateway.error;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.gateway.request.RequestId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns every failure the gateway itself raises (no route, wrong method, body too large, a service that
 * cannot be reached, a bug) into the envelope with a stable code. Errors a service answers with are not
 * failures here: the gateway passes their bodies through unchanged.
 */
@Component
@Order(-2) // Before Boot's default handler (-1), which would answer with its own JSON or an HTML page.
class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final JsonMapper json;

    GatewayErrorHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            // Part of a service's answer is already on the wire; all that is left is to cut the connection.
            return Mono.error(failure);
        }
        var mapped = Failure.of(failure);
        record(exchange, mapped, failure);
        byte[] body = json.writeValueAsBytes(ApiResponse.failure(mapped.code(), mapped.message()));
        var headers = response.getHeaders();
        headers.clearContentHeaders();
        headers.addAll(mapped.headers());
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setContentLength(body.length);
        response.setStatusCode(HttpStatusCode.valueOf(mapped.status()));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static void record(ServerWebExchange exchange, Failure mapped, Throwable failure) {
        var request = exchange.getRequest();
        var event = log.atLevel(level(mapped))
                .addKeyValue("requestId", RequestId.of(exchange).orElse(""))
                .addKeyValue("errorCode", mapped.code().code());
        if (mapped.status() == 500) {
            // Only a bug needs the stack trace; the client never sees it.
            event.setCause(failure);
        }
        event.log(
                "{} {} failed with {}: {}",
                request.getMethod(),
                request.getPath(),
                mapped.status(),
                failure.toString());
    }

    private static Level level(Failure mapped) {
        if (mapped.status() == 500) {
            return Level.ERROR;
        }
        return mapped.isServerError() ? Level.WARN : Level.DEBUG;
    }
}
