package dev.tenantcore.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantcore.contracts.jobs.EmailJob;
import dev.tenantcore.worker.jobs.JobView;
import dev.tenantcore.worker.jobs.Jobs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@WorkerServiceTest
class JobRetryTest {

    @LocalServerPort
    int port;

    @Autowired
    Jobs jobs;

    final CoreStub core = CoreStub.get();
    final UUID org = UUID.randomUUID();
    final UUID user = UUID.randomUUID();

    @Test
    void failingJobIsAttemptedThreeTimesOneThenTwoSecondsApartThenDeadLetteredAndCanBeRedriven() throws Exception {
        core.member(user, org);
        core.failAuditLog(org, true);
        var api = new Api(port);
        var accepted = api.post("/api/v1/orgs/" + org + "/reports", user, "{}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        UUID id = UUID.fromString(Api.json(accepted).path("data").path("id").asString());

        await().atMost(Duration.ofSeconds(30)).until(() -> status(id).equals("dead"));
        var job = Api.json(api.get("/api/v1/orgs/" + org + "/jobs/" + id, user)).path("data");
        assertThat(job.path("attempts").asInt()).isEqualTo(3);
        assertThat(job.path("error").asString()).isEqualTo("the job failed and was given up");
        List<Instant> attempts = core.auditRequests(org);
        assertThat(attempts).hasSize(3);
        System.out.printf(
                "backoff: attempt gaps %d ms, %d ms%n",
                Duration.between(attempts.get(0), attempts.get(1)).toMillis(),
                Duration.between(attempts.get(1), attempts.get(2)).toMillis());
        long first = Duration.between(attempts.get(0), attempts.get(1)).toMillis();
        long second = Duration.between(attempts.get(1), attempts.get(2)).toMillis();
        // Measured at core's stub, so each gap is the backoff plus one attempt's own work (status writes
        // before and after the call). The backoff itself is never shortened; the upper bound leaves room
        // for that work on a loaded machine, and the ratio shows the exponential step.
        assertThat(first).isBetween(900L, 1500L);
        assertThat(second).isBetween(1800L, 2700L);
        assertThat((double) second / first).isBetween(1.4, 2.6);
        var letter = JobTopics.find("jobs.report.dlt", id.toString(), Duration.ofSeconds(10))
                .orElseThrow();
        assertThat(JobTopics.header(letter, "kafka_dlt-original-topic")).isEqualTo("jobs.report");
        assertThat(JobTopics.header(letter, "kafka_dlt-exception-stacktrace"))
                .contains("core-service is unavailable (audit log)");

        core.failAuditLog(org, false);
        assertThat(api.postInternal("/internal/orgs/" + org + "/jobs/" + id + "/redrive")
                        .statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("succeeded"));
        assertThat(jobs.find(org, id).orElseThrow().attempts()).isEqualTo(1);
        var report = api.get("/api/v1/orgs/" + org + "/reports/" + id, user);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    }

    @Test
    void jobThatCanNeverSucceedIsDeadLetteredAfterOneAttempt() throws Exception {
        var job = JobTopics.job(
                "email",
                org,
                new EmailJob("no-such-template", "someone@example.com", Map.of("token", "t")).toPayload());
        JobTopics.publish(job, org.toString());
        UUID id = job.metadata().id();

        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("dead"));
        JobView view = jobs.find(org, id).orElseThrow();
        assertThat(view.attempts()).isEqualTo(1);
        assertThat(view.error()).isEqualTo("unknown e-mail template");
        assertThat(JobTopics.find("jobs.email.dlt", id.toString(), Duration.ofSeconds(10)))
                .hasValueSatisfying(letter -> assertThat(JobTopics.header(letter, "kafka_dlt-exception-stacktrace"))
                        .contains("JobRejected"));
    }

    @Test
    void malformedJobIsDeadLetteredAtOnce() throws Exception {
        String marker = "malformed-" + UUID.randomUUID();
        JobTopics.publish("jobs.email", marker, ("{not json " + marker).getBytes(StandardCharsets.UTF_8));

        var letter = JobTopics.find("jobs.email.dlt", marker, Duration.ofSeconds(20));

        assertThat(letter).hasValueSatisfying(l -> {
            assertThat(JobTopics.header(l, "kafka_dlt-original-topic")).isEqualTo("jobs.email");
            assertThat(JobTopics.header(l, "kafka_dlt-exception-stacktrace")).contains("not a valid job request");
        });
    }

    private String status(UUID id) {
        return jobs.find(org, id).map(JobView::status).orElse("none");
    }
}
