package dev.tenantcore.support.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.support.errors.SentryScrubber;
import dev.tenantcore.support.testing.TestTokens;
import dev.tenantcore.support.web.ErrorEnvelopeTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentry.IScopes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/** Metrics, traces in logs and error envelopes, and error reporting off without a DSN. */
// The same configuration as ErrorEnvelopeTest, so both share one application context.
@SpringBootTest(
        classes = ErrorEnvelopeTest.SampleApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=sample-service",
            "tenantcore.web.max-body-size=64KB",
            "tenantcore.security.api-key-paths=/orgs/*/widgets/**"
        })
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest {

    private static final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final String TOKEN = TestTokens.accessToken(UUID.randomUUID(), "ada@example.com");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void unexpectedFailureNamesTheTraceThatItsLogLinesCarry(CapturedOutput output) throws Exception {
        var response = send(authorized("/boom"));

        assertThat(response.statusCode()).isEqualTo(500);
        String traceId = json.readTree(response.body())
                .path("error")
                .path("details")
                .path("traceId")
                .asString();
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(output.getOut().lines().filter(line -> line.contains("\"message\":\"unexpected failure\"")))
                .anySatisfy(line -> assertThat(line)
                        .contains("\"traceId\":\"" + traceId + "\"")
                        .containsPattern("\"spanId\":\"[0-9a-f]{16}\"")
                        .contains("\"service\":\"sample-service\""));
    }

    @Test
    void continuesTheTraceOfAnIncomingTraceparent() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var response = send(authorized("/boom").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));

        assertThat(json.readTree(response.body())
                        .path("error")
                        .path("details")
                        .path("traceId")
                        .asString())
                .isEqualTo(traceId);
    }

    @Test
    void asyncWorkStaysInTheCallersTrace() throws Exception {
        var tracer = context.getBean(io.micrometer.tracing.Tracer.class);
        var observations = context.getBean(io.micrometer.observation.ObservationRegistry.class);
        var executor =
                context.getBean("applicationTaskExecutor", org.springframework.core.task.AsyncTaskExecutor.class);
        var traces = io.micrometer.observation.Observation.createNotStarted("caller", observations)
                .observeChecked(() -> {
                    var caller = tracer.currentSpan();
                    String seen = executor.submitCompletable(() -> {
                                var current = tracer.currentSpan();
                                return current == null
                                        ? "none"
                                        : current.context().traceId();
                            })
                            .get(10, java.util.concurrent.TimeUnit.SECONDS);
                    return java.util.List.of(
                            caller == null ? "no caller span" : caller.context().traceId(), seen);
                });
        assertThat(traces.get(0)).matches("[0-9a-f]{32}");
        assertThat(traces.get(1)).isEqualTo(traces.get(0));
    }

    @Test
    void operationIdsNameTheControllerAndTheMethod() throws Exception {
        var document =
                json.readTree(send(HttpRequest.newBuilder(uri("/v3/api-docs"))).body());

        assertThat(document.path("paths")
                        .path("/things/{id}")
                        .path("get")
                        .path("operationId")
                        .asString())
                .isEqualTo("sampleGet");
        assertThat(document.path("paths")
                        .path("/things")
                        .path("post")
                        .path("operationId")
                        .asString())
                .isEqualTo("sampleCreate");
    }

    @Test
    void prometheusIsScrapedWithoutATokenWithTheServiceTagAndLatencyHistograms() throws Exception {
        assertThat(send(authorized("/things/7")).statusCode()).isEqualTo(200);

        var scrape = send(HttpRequest.newBuilder(uri("/actuator/prometheus")));

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*application=\"sample-service\"[^}]*"
                        + "uri=\"/things/\\{id\\}\"[^}]*le=\"[0-9.]+\"")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void otherActuatorEndpointsAreNotOpen() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/metrics"))).statusCode())
                .isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/env"))).statusCode())
                .isEqualTo(401);
        assertThat(send(authorized("/actuator/env")).statusCode()).isEqualTo(404);
    }

    @Test
    void datadogAndSentryAreOffUnlessConfigured() {
        assertThat(context.getBeanNamesForType(SentryScrubber.class)).isEmpty();
        assertThat(context.getBeanNamesForType(IScopes.class)).isEmpty();
        assertThat(context.getBeansOfType(MeterRegistry.class).values())
                .noneMatch(registry -> registry.getClass().getSimpleName().contains("Datadog"));
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.GET().build(), BodyHandlers.ofString());
    }
}
