package dev.tenantcore.gateway.ratelimit;

import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * The event loop that serves a request's connection, as a scheduler. A request resumed there after an
 * asynchronous step stays on one thread: the proxy client takes a connection on that loop (Reactor Netty
 * colocates) and the response is written without a hand-off, instead of crossing two more threads, each
 * woken for every request.
 */
final class RequestLoop {

    private static final Map<EventLoop, Scheduler> SCHEDULERS = new ConcurrentHashMap<>();

    private RequestLoop() {}

    /** The request's event loop, or the parallel scheduler when the request is not served by Reactor Netty. */
    static Scheduler of(ServerWebExchange exchange) {
        Object nativeRequest;
        try {
            nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        } catch (IllegalStateException notServed) {
            // A request built without a server (a mock exchange) has no native request.
            return Schedulers.parallel();
        }
        if (nativeRequest instanceof Connection connection) {
            return SCHEDULERS.computeIfAbsent(connection.channel().eventLoop(), Schedulers::fromExecutor);
        }
        return Schedulers.parallel();
    }
}
