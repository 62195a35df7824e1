package dev.tenantcore.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.util.retry.Retry;

/**
 * The route filter {@code SafeRetry}: tries a failed downstream call again, with exponential backoff, when
 * repeating it cannot do harm. A connection that was never made (refused, or not established within the
 * connect timeout) is retried for every method: the request never left, and on an {@code lb://} route the next
 * attempt chooses an instance again, so a stopped instance costs its callers nothing. Any other I/O failure
 * (a connection reset or closed before the answer) is retried for GET only, since the service may have acted.
 *
 * <p>Unlike the gateway's {@code Retry} filter this one decides by exception and method together. Like it, it
 * makes the route cache request bodies for the repeats; the body size limit
 * ({@code tenantcore.gateway.request.max-body-size}) counts those bytes as they stream, so at most that much
 * is held per request.
 */
@Component
public class SafeRetryGatewayFilterFactory extends AbstractGatewayFilterFactory<SafeRetryGatewayFilterFactory.Config> {

    private final RefusingInstances refusing;

    SafeRetryGatewayFilterFactory(RefusingInstances refusing) {
        super(Config.class);
        this.refusing = refusing;
    }

    @Override
    public GatewayFilter apply(Config config) {
        if (config.getRouteId() != null) {
            enableBodyCaching(config.getRouteId());
        }
        return (exchange, chain) -> chain.filter(exchange)
                .retryWhen(Retry.backoff(config.getRetries(), config.getFirstBackoff())
                        .maxBackoff(config.getMaxBackoff())
                        .jitter(0)
                        .filter(failure -> {
                            noteRefusal(exchange, failure);
                            return isSafeToRepeat(exchange.getRequest().getMethod(), failure);
                        })
                        .doBeforeRetry(signal -> ServerWebExchangeUtils.reset(exchange))
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    /** The instance that refused is left out of the next choices, this request's retries included. */
    private void noteRefusal(ServerWebExchange exchange, Throwable failure) {
        URI instance = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        if (instance != null && causedBy(failure, ConnectException.class)) {
            refusing.refused(instance);
        }
    }

    /** Whether a call that failed so may be sent again. */
    static boolean isSafeToRepeat(HttpMethod method, Throwable failure) {
        if (causedBy(failure, ConnectException.class)) {
            return true;
        }
        return HttpMethod.GET.equals(method) && causedBy(failure, IOException.class);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** The filter's arguments in a route definition. */
    public static class Config implements HasRouteId {

        private @Nullable String routeId;
        /** Repeats after the first attempt. */
        private int retries = 2;
        /** Wait before the first repeat; each next one waits twice as long. */
        private Duration firstBackoff = Duration.ofMillis(50);
        /** The longest wait between two attempts. */
        private Duration maxBackoff = Duration.ofMillis(500);

        @Override
        public void setRouteId(String routeId) {
            this.routeId = routeId;
        }

        @Override
        public @Nullable String getRouteId() {
            return routeId;
        }

        public int getRetries() {
            return retries;
        }

        public void setRetries(int retries) {
            this.retries = retries;
        }

        public Duration getFirstBackoff() {
            return firstBackoff;
        }

        public void setFirstBackoff(Duration firstBackoff) {
            this.firstBackoff = firstBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }
}
