package dev.tenantcore.search.opensearch;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.RequestConfig;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the calls a search request waits for, so that a hung OpenSearch costs a searcher at most
 * {@link SearchProperties#queryTimeout()} rather than the gateway's whole timeout: each call has that
 * response timeout (indexing, bulk loads and reindex keep the client's longer {@code socketTimeout}), and a
 * circuit breaker answers {@code unavailable} at once while most recent queries failed, probing with a
 * single query after {@link SearchProperties#breakerOpenFor()}. Only unavailability opens it: a query
 * OpenSearch rejects proves the node is alive. Its state is exported as {@code resilience4j.circuitbreaker.*}
 * metrics with {@code name=opensearch-queries}.
 */
@Component
public class OpenSearchQueries {

    /** A call made with the query client. */
    @FunctionalInterface
    public interface Call<T> {
        T run(OpenSearchClient client) throws IOException;
    }

    static final String BREAKER = "opensearch-queries";

    private static final Logger log = LoggerFactory.getLogger(OpenSearchQueries.class);

    private final OpenSearchClient client;
    private final CircuitBreaker breaker;

    OpenSearchQueries(OpenSearchClient client, SearchProperties properties, MeterRegistry meters) {
        long timeout = properties.queryTimeout().toMillis();
        this.client = client.withTransportOptions(ApacheHttpClient5Options.DEFAULT.toBuilder()
                .setRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(timeout, TimeUnit.MILLISECONDS)
                        .setConnectionRequestTimeout(timeout, TimeUnit.MILLISECONDS)
                        .build())
                .build());
        var registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .waitDurationInOpenState(properties.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> e instanceof OpenSearchUnavailable)
                .build());
        this.breaker = registry.circuitBreaker(BREAKER);
        this.breaker
                .getEventPublisher()
                .onStateTransition(e -> log.warn("OpenSearch query breaker: {}", e.getStateTransition()));
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    /**
     * Runs the call; unreachable, timed out or overloaded OpenSearch (and an open breaker) throw
     * {@link OpenSearchUnavailable}, other error answers stay as they are.
     */
    public <T> T run(Call<T> call) {
        try {
            return breaker.executeSupplier(() -> {
                try {
                    return call.run(client);
                } catch (IOException | OpenSearchException e) {
                    throw OpenSearchUnavailable.translate(e);
                }
            });
        } catch (CallNotPermittedException e) {
            throw OpenSearchUnavailable.of(e);
        }
    }

    /** The breaker's state, e.g. {@code CLOSED} or {@code OPEN}. */
    public String state() {
        return breaker.getState().name();
    }

    /** The client with the query timeout, outside the breaker: for probes that only observe. */
    OpenSearchClient client() {
        return client;
    }
}
