package dev.tenantcore.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.systemtests.TraceCollector.ReceivedSpan;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * One trace follows a request from the gateway through the service that handles it, across Kafka, to
 * the service that consumes the event or job, as an operator sees it in their tracing backend: every
 * service exports its spans over OTLP to a collector, and the client's {@code traceparent} is the root.
 */
@Order(20)
class OneTraceTest {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static final SecureRandom random = new SecureRandom();

    @Test
    void aSignUpIsOneTraceFromTheGatewayThroughAuthAndKafkaToTheWorkerThatSendsTheMail() throws Exception {
        var system = RunningSystem.get();
        String traceId = newTraceId();
        String email = "trace-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        var signup = send(
                system,
                traceId,
                HttpRequest.newBuilder(URI.create(system.gatewayUrl() + "/api/v1/auth/signup"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"%s\",\"password\":\"correct horse %s\"}"
                                .formatted(email, UUID.randomUUID()))));
        assertThat(signup.statusCode()).as(signup.body()).isBetween(200, 299);
        Accounts.confirmationToken(email, Duration.ofSeconds(30));

        assertOneTraceSpans(system, traceId, Set.of("gateway-service", "auth-service", "worker-service"));
    }

    @Test
    void aProjectCreatedThroughTheGatewayIsOneTraceThroughCoreAndKafkaToSearchIndexing() throws Exception {
        var system = RunningSystem.get();
        var session = Accounts.signUpAndConfirm(system, "trace-core");
        String orgId = createOrganization(system, session, "Traced");

        String traceId = newTraceId();
        var project = send(
                system,
                traceId,
                HttpRequest.newBuilder(URI.create(system.gatewayUrl() + "/api/v1/orgs/" + orgId + "/projects"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + session.accessToken())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Traced project\"}")));
        assertThat(project.statusCode()).as(project.body()).isEqualTo(201);

        assertOneTraceSpans(system, traceId, Set.of("gateway-service", "core-service", "search-service"));
    }

    @Test
    void anInvitationIsOneTraceFromTheGatewayThroughCoreAndKafkaToTheWorkerJobThatMailsIt() throws Exception {
        var system = RunningSystem.get();
        var session = Accounts.signUpAndConfirm(system, "trace-invite");
        String orgId = createOrganization(system, session, "Traced invitations");
        String invitee = "trace-invitee-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        String traceId = newTraceId();
        var invitation = send(
                system,
                traceId,
                HttpRequest.newBuilder(URI.create(system.gatewayUrl() + "/api/v1/orgs/" + orgId + "/invitations"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + session.accessToken())
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"email\":\"%s\",\"role\":\"member\"}".formatted(invitee))));
        assertThat(invitation.statusCode()).as(invitation.body()).isEqualTo(201);

        assertOneTraceSpans(system, traceId, Set.of("gateway-service", "core-service", "worker-service"));
    }

    /** Creates an organization (in a trace of its own) and returns its id. */
    private static String createOrganization(RunningSystem system, Accounts.Session session, String name)
            throws Exception {
        var org = send(
                system,
                newTraceId(),
                HttpRequest.newBuilder(URI.create(system.gatewayUrl() + "/api/v1/orgs"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + session.accessToken())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"%s\"}".formatted(name))));
        assertThat(org.statusCode()).as(org.body()).isEqualTo(201);
        return json.readTree(org.body()).path("data").path("id").asString();
    }

    /** Waits until spans of every expected service arrived in the trace, and checks they form one tree. */
    private static void assertOneTraceSpans(RunningSystem system, String traceId, Set<String> services)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        List<ReceivedSpan> spans = List.of();
        while (Instant.now().isBefore(deadline)) {
            spans = system.traces().spansOf(traceId);
            // Each service exports in batches of its own: wait for the spans and for their parents to arrive.
            if (servicesOf(spans).containsAll(services)
                    && orphans(spans, traceId).isEmpty()) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(servicesOf(spans))
                .as("services with spans in trace %s: %s", traceId, describe(spans))
                .containsAll(services);
        // One tree: every span's parent is the client's root span or another span of the same trace.
        assertThat(orphans(spans, traceId))
                .as("spans whose parent is outside the trace %s: %s", traceId, describe(spans))
                .isEmpty();
    }

    /** Spans whose parent is neither the client's span nor a span received so far. */
    private static List<ReceivedSpan> orphans(List<ReceivedSpan> spans, String traceId) {
        Set<String> known = spans.stream().map(ReceivedSpan::spanId).collect(Collectors.toCollection(HashSet::new));
        known.add(clientSpanId(traceId));
        return spans.stream()
                .filter(span -> !known.contains(span.parentSpanId()))
                .toList();
    }

    private static Set<String> servicesOf(List<ReceivedSpan> spans) {
        return spans.stream().map(ReceivedSpan::service).collect(Collectors.toSet());
    }

    private static String describe(List<ReceivedSpan> spans) {
        return spans.stream()
                .map(span -> span.service() + ":" + span.name())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static HttpResponse<String> send(RunningSystem system, String traceId, HttpRequest.Builder request)
            throws Exception {
        return http.send(
                request.header("traceparent", "00-" + traceId + "-" + clientSpanId(traceId) + "-01")
                        .timeout(Duration.ofSeconds(15))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String newTraceId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** The client's own span id: derived from the trace id so the check can recognise the root. */
    private static String clientSpanId(String traceId) {
        return traceId.substring(0, 16);
    }
}
