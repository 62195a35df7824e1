package dev.tenantcore.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantcore.contracts.events.EventMetadata;
import dev.tenantcore.contracts.jobs.JobRequest;
import dev.tenantcore.engines.MailEngine.ReceivedMail;
import dev.tenantcore.engines.test.SharedEngines;
import dev.tenantcore.worker.jobs.JobView;
import dev.tenantcore.worker.jobs.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The requester of a report or an export is e-mailed a link once it is ready, over real SMTP. */
@WorkerServiceTest
class ReportReadyMailTest {

    @LocalServerPort
    int port;

    @Autowired
    Jobs jobs;

    final CoreStub core = CoreStub.get();
    final UUID org = UUID.randomUUID();
    final UUID member = UUID.randomUUID();

    @Test
    void requesterOfAReportIsMailedItsLink() throws Exception {
        core.member(member, org);
        core.auditLog(org, List.of());
        var api = new Api(port);

        var accepted = api.post("/api/v1/orgs/" + org + "/reports", member, "{}");

        assertThat(accepted.statusCode()).isEqualTo(202);
        UUID id = UUID.fromString(Api.json(accepted).path("data").path("id").asString());
        // Api's tokens carry the e-mail address <userId>@example.com.
        ReceivedMail mail = awaitMails(member + "@example.com", 1).getFirst();
        assertThat(mail.subject()).isEqualTo("Your report is ready");
        assertThat(mail.body()).contains("http://localhost:3000/orgs/" + org + "/reports/" + id);
        assertThat(jobs.find(org, id))
                .hasValueSatisfying(job -> assertThat(job.status()).isEqualTo("succeeded"));
        assertThat(api.get("/api/v1/orgs/" + org + "/reports/" + id, member).statusCode())
                .isEqualTo(200);
    }

    @Test
    void requesterOfAnExportIsMailedItsLink() throws Exception {
        core.member(member, org);
        core.export(org, "{\"type\":\"organization\",\"data\":{}}\n");
        var api = new Api(port);

        var accepted = api.post("/api/v1/orgs/" + org + "/exports", member, "");

        UUID id = UUID.fromString(Api.json(accepted).path("data").path("id").asString());
        ReceivedMail mail = awaitMails(member + "@example.com", 1).getFirst();
        assertThat(mail.subject()).isEqualTo("Your data export is ready");
        assertThat(mail.body()).contains("http://localhost:3000/orgs/" + org + "/exports/" + id);
    }

    @Test
    void reportJobDeliveredTwiceMailsOnce() throws Exception {
        core.auditLog(org, List.of());
        String to = "twice-" + UUID.randomUUID() + "@example.com";
        var job = new JobRequest(
                new EventMetadata(UUID.randomUUID(), "report", Instant.now(), org, member, null),
                Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z", "notify", to));
        var marker = new JobRequest(
                new EventMetadata(UUID.randomUUID(), "report", Instant.now(), org, member, null),
                Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-01-02T00:00:00Z", "notify", to));

        JobTopics.publish(job, org.toString());
        JobTopics.publish(job, org.toString());
        // Same key: once the marker's e-mail is there, both deliveries of the job and their follow-ups were handled.
        JobTopics.publish(marker, org.toString());

        List<ReceivedMail> mails = awaitMails(to, 2);
        assertThat(mails.stream()
                        .filter(m ->
                                m.body().contains("/reports/" + job.metadata().id())))
                .hasSize(1);
        assertThat(jobs.find(org, job.metadata().id()).map(JobView::attempts)).hasValue(1);
    }

    private static List<ReceivedMail> awaitMails(String to, int count) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> SharedEngines.mail().messages().stream()
                                .filter(m -> m.to().contains(to))
                                .toList(),
                        mails -> mails.size() >= count);
    }
}
