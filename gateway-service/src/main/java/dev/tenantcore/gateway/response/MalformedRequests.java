package dev.tenantcore.gateway.response;

import dev.tenantcore.contracts.api.ApiResponse;
import dev.tenantcore.contracts.api.ErrorCode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers requests Netty could not even parse (a request line above {@code server.netty.max-initial-line-length},
 * headers above {@code server.max-http-request-header-size}, a malformed request) with the envelope and the
 * security headers. Reactor Netty would answer them itself, before any filter runs, with a bare status.
 */
@Component
class MalformedRequests implements NettyServerCustomizer {

    private static final Logger log = LoggerFactory.getLogger(MalformedRequests.class);
    private static final String HANDLER = "tenantcore.malformedRequests";

    private final byte[] uriTooLong;
    private final byte[] headersTooLarge;
    private final byte[] malformed;

    MalformedRequests(JsonMapper json) {
        this.uriTooLong = body(json, 414, "The request URL is too long.");
        this.headersTooLarge = body(json, 431, "The request headers are too large.");
        this.malformed = body(json, 400, "The request could not be read.");
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remote) -> {
            var pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null && pipeline.get(HANDLER) == null) {
                pipeline.addBefore(NettyPipeline.HttpTrafficHandler, HANDLER, new Handler());
            }
        });
    }

    private static byte[] body(JsonMapper json, int status, String message) {
        return json.writeValueAsBytes(ApiResponse.failure(ErrorCode.forStatus(status), message));
    }

    private final class Handler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (!(message instanceof HttpRequest request)
                    || request.decoderResult().isSuccess()) {
                context.fireChannelRead(message);
                return;
            }
            var cause = request.decoderResult().cause();
            ReferenceCountUtil.release(message);
            HttpResponseStatus status;
            byte[] body;
            if (cause instanceof TooLongHttpLineException) {
                status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
                body = uriTooLong;
            } else if (cause instanceof TooLongHttpHeaderException) {
                status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
                body = headersTooLarge;
            } else {
                status = HttpResponseStatus.BAD_REQUEST;
                body = malformed;
            }
            log.atDebug().log("Refused an unreadable request with {}: {}", status.code(), cause.toString());
            var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            var headers = response.headers();
            SecurityHeadersFilter.FIXED.forEach(headers::set);
            headers.set("Content-Security-Policy", SecurityHeadersFilter.API_POLICY);
            headers.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            // The rest of the connection cannot be parsed either.
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
