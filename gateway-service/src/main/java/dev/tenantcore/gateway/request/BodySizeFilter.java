package dev.tenantcore.gateway.request;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies above {@link RequestProperties#maxBodySize()}. The gateway's own RequestSize
 * filter only reads {@code Content-Length} and answers without a body; this one also counts chunked bodies
 * as they stream and fails with an exception, so the error handler writes the envelope.
 */
@Component
class BodySizeFilter implements WebFilter, Ordered {

    private final long maxBytes;

    BodySizeFilter(RequestProperties properties) {
        this.maxBytes = properties.maxBodySize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (request.getHeaders().getContentLength() > maxBytes) {
            return Mono.error(BodyTooLarge.refused());
        }
        return chain.filter(exchange.mutate().request(new CountedBody(request)).build());
    }

    @Override
    public int getOrder() {
        return FilterOrder.BODY_SIZE;
    }

    private final class CountedBody extends ServerHttpRequestDecorator {

        CountedBody(ServerHttpRequest delegate) {
            super(delegate);
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.defer(() -> {
                var seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(BodyTooLarge.refused());
                    } else {
                        sink.next(buffer);
                    }
                });
            });
        }
    }
}
