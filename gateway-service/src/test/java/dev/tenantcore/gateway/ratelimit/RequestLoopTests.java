package dev.tenantcore.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.engines.test.SharedEngines;
import dev.tenantcore.gateway.ratelimit.RateLimitProperties.Limit;
import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/** Where a request resumes after the bucket's answer: on its own connection's event loop. */
class RequestLoopTests {

    @Test
    void resumesARequestOnTheEventLoopThatServesItsConnection() {
        var servedOn = new AtomicReference<Thread>();
        var resumedOn = new AtomicReference<Thread>();
        var handler = WebHttpHandlerBuilder.webHandler(exchange -> {
                    servedOn.set(Thread.currentThread());
                    // An answer completed on another thread, as Lettuce completes a command on its own.
                    return Mono.fromCallable(Thread::currentThread)
                            .subscribeOn(Schedulers.boundedElastic())
                            .publishOn(RequestLoop.of(exchange))
                            .doOnNext(thread -> resumedOn.set(Thread.currentThread()))
                            .then();
                })
                .build();
        var server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle(new ReactorHttpHandlerAdapter(handler))
                .bindNow();
        try {
            var status = HttpClient.create()
                    .get()
                    .uri("http://127.0.0.1:" + server.port() + "/")
                    .response()
                    .map(response -> response.status().code())
                    .block(Duration.ofSeconds(10));

            assertThat(status).isEqualTo(200);
            assertThat(servedOn.get().getName()).startsWith("reactor-http-");
            assertThat(resumedOn.get()).isSameAs(servedOn.get());
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void usesTheParallelSchedulerForARequestNotServedByNetty() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/orgs"));

        assertThat(RequestLoop.of(exchange)).isSameAs(Schedulers.parallel());
    }

    @Test
    void handsTheBucketsAnswerToTheGivenScheduler() {
        var endpoint = SharedEngines.redis();
        var factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(endpoint.host(), endpoint.port()));
        factory.afterPropertiesSet();
        var loop = new DefaultEventLoop();
        try {
            var buckets = new TokenBuckets(new ReactiveStringRedisTemplate(factory));
            var answeredOn = new AtomicReference<Thread>();
            var grant = buckets.take(
                            "rate:test:" + UUID.randomUUID(), new Limit(5, 1.0), 1, Schedulers.fromExecutor(loop))
                    .doOnNext(answer -> answeredOn.set(Thread.currentThread()))
                    .block(Duration.ofSeconds(10));

            assertThat(grant.granted()).isEqualTo(1);
            assertThat(grant.remaining()).isEqualTo(4);
            assertThat(answeredOn.get()).isSameAs(threadOf(loop));
        } finally {
            loop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
            factory.destroy();
        }
    }

    private static Thread threadOf(DefaultEventLoop loop) {
        return loop.submit(Thread::currentThread).syncUninterruptibly().getNow();
    }
}
