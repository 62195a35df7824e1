package dev.tenantcore.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantcore.contracts.events.EventMetadata;
import dev.tenantcore.contracts.jobs.JobRequest;
import dev.tenantcore.worker.jobs.JobView;
import dev.tenantcore.worker.jobs.Jobs;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@WorkerServiceTest
class ReportTest {

    @LocalServerPort
    int port;

    @Autowired
    Jobs jobs;

    @Autowired
    MeterRegistry meters;

    final CoreStub core = CoreStub.get();
    final UUID org = UUID.randomUUID();
    final UUID member = UUID.randomUUID();

    @Test
    void requestedReportBecomesADownloadableCsvOfTheAuditLog() throws Exception {
        core.member(member, org);
        UUID actor = UUID.randomUUID();
        core.auditLog(
                org,
                List.of(
                        entry(1, "2026-01-02T10:00:00Z", actor, "project.created", "p1", "10.0.0.1"),
                        entry(2, "2026-01-03T11:30:00Z", null, "member.removed", "a,b \"c\"", null)));
        var api = new Api(port);

        var accepted = api.post(
                "/api/v1/orgs/" + org + "/reports",
                member,
                "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-02-01T00:00:00Z\"}");

        assertThat(accepted.statusCode()).isEqualTo(202);
        var data = Api.json(accepted).path("data");
        UUID id = UUID.fromString(data.path("id").asString());
        assertThat(data.path("statusUrl").asString()).isEqualTo("/api/v1/orgs/" + org + "/jobs/" + id);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Api.json(api.get("/api/v1/orgs/" + org + "/jobs/" + id, member))
                        .path("data")
                        .path("status")
                        .asString()
                        .equals("succeeded"));
        var csv = api.get("/api/v1/orgs/" + org + "/reports/" + id, member);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).contains("activity-report-2026-01-01-2026-02-01.csv"));
        assertThat(new String(csv.body(), StandardCharsets.UTF_8))
                .isEqualTo("seq,created_at,actor_id,action,resource_type,resource_id,ip,request_id\r\n"
                        + "1,2026-01-02T10:00:00Z," + actor + ",project.created,project,p1,10.0.0.1,req-1\r\n"
                        + "2,2026-01-03T11:30:00Z,,member.removed,project,\"a,b \"\"c\"\"\",,req-2\r\n");
    }

    @Test
    void redeliveredReportJobHasItsEffectOnce() throws Exception {
        core.auditLog(org, List.of());
        var job = new JobRequest(
                new EventMetadata(UUID.randomUUID(), "report", Instant.now(), org, member, null),
                Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z"));
        double duplicatesBefore = duplicates();

        JobTopics.publish(job, org.toString());
        JobTopics.publish(job, org.toString());

        await().atMost(Duration.ofSeconds(20)).until(() -> duplicates() == duplicatesBefore + 1);
        JobView view = jobs.find(org, job.metadata().id()).orElseThrow();
        assertThat(view.status()).isEqualTo("succeeded");
        assertThat(view.attempts()).isEqualTo(1);
    }

    @Test
    void requestedExportBecomesDownloadableJsonLines() throws Exception {
        core.member(member, org);
        String lines = "{\"type\":\"organization\",\"data\":{\"id\":\"" + org + "\"}}\n"
                + "{\"type\":\"project\",\"data\":{\"name\":\"P\"}}\n";
        core.export(org, lines);
        var api = new Api(port);

        var accepted = api.post("/api/v1/orgs/" + org + "/exports", member, "");
        assertThat(accepted.statusCode()).isEqualTo(202);
        UUID id = UUID.fromString(Api.json(accepted).path("data").path("id").asString());

        await().atMost(Duration.ofSeconds(20))
                .until(() -> jobs.find(org, id).map(JobView::status).orElse("").equals("succeeded"));
        var export = api.get("/api/v1/orgs/" + org + "/exports/" + id, member);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(new String(export.body(), StandardCharsets.UTF_8)).isEqualTo(lines);
    }

    @Test
    void nonMemberCannotRequestOrReadReportsOrJobs() throws Exception {
        var api = new Api(port);
        UUID stranger = UUID.randomUUID();

        var request = api.post("/api/v1/orgs/" + org + "/reports", stranger, "{}");
        var status = api.get("/api/v1/orgs/" + org + "/jobs/" + UUID.randomUUID(), stranger);

        assertThat(request.statusCode()).isEqualTo(403);
        assertThat(Api.json(request).path("error").path("code").asString()).isEqualTo("forbidden");
        assertThat(status.statusCode()).isEqualTo(403);
    }

    @Test
    void invalidPeriodIsRejected() throws Exception {
        core.member(member, org);
        var response = new Api(port)
                .post(
                        "/api/v1/orgs/" + org + "/reports",
                        member,
                        "{\"from\":\"2026-02-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    private double duplicates() {
        var counter = meters.find("worker.jobs.outcomes")
                .tags("type", "report", "outcome", "duplicate")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static Map<String, Object> entry(
            long seq, String at, UUID actor, String action, String resourceId, String ip) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", UUID.randomUUID().toString());
        entry.put("seq", seq);
        entry.put("createdAt", at);
        entry.put("actorId", actor == null ? null : actor.toString());
        entry.put("action", action);
        entry.put("resourceType", "project");
        entry.put("resourceId", resourceId);
        entry.put("ip", ip);
        entry.put("requestId", "req-" + seq);
        return entry;
    }
}
