package dev.tenantcore.support.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.support.web.ErrorEnvelopeTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * A stopping service turns its readiness down at once and goes on answering for the drain, so a router polling
 * readiness takes it out of its choices before it stops accepting connections.
 */
class ShutdownDrainTest {

    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    @Test
    void keepsServingWithReadinessDownForTheDrainThenStops() throws Exception {
        var context = new SpringApplicationBuilder(ErrorEnvelopeTest.SampleApplication.class)
                .properties("server.port=0", "spring.application.name=draining-service", "tenantcore.shutdown.drain=3s")
                .run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        assertThat(status(port, "/actuator/health/readiness")).isEqualTo(200);

        var closing = CompletableFuture.runAsync(context::close);
        Thread.sleep(1_000);
        assertThat(closing).isNotDone();
        assertThat(status(port, "/actuator/health/readiness")).isEqualTo(503);
        assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);

        closing.get();
        assertThat(context.isActive()).isFalse();
        try {
            status(port, "/actuator/health/liveness");
            throw new AssertionError("still accepting connections after the shutdown");
        } catch (ConnectException expected) {
            // Nothing listens any more.
        }
    }

    @Test
    void stopsWithoutWaitingByDefault() throws Exception {
        var context = new SpringApplicationBuilder(ErrorEnvelopeTest.SampleApplication.class)
                .properties("server.port=0", "spring.application.name=undrained-service")
                .run();
        var closing = CompletableFuture.runAsync(context::close);
        closing.get(2, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(context.isActive()).isFalse();
    }

    private static int status(int port, String path) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2))
                .build();
        return http.send(request, BodyHandlers.discarding()).statusCode();
    }
}
