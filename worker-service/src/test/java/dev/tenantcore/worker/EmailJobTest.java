package dev.tenantcore.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantcore.contracts.jobs.EmailJob;
import dev.tenantcore.engines.MailEngine.ReceivedMail;
import dev.tenantcore.engines.test.SharedEngines;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@WorkerServiceTest
class EmailJobTest {

    @Test
    void signUpConfirmationArrivesWithItsLink() throws Exception {
        String to = "new-" + UUID.randomUUID() + "@example.com";
        var job = JobTopics.job(
                "email", null, new EmailJob(EmailJob.SIGNUP_CONFIRMATION, to, Map.of("token", "tok-123")).toPayload());

        JobTopics.publish(job, job.metadata().id().toString());

        ReceivedMail mail = awaitMails(to, 1).getFirst();
        assertThat(mail.subject()).isEqualTo("Confirm your sign-up");
        assertThat(mail.body()).contains("http://localhost:3000/auth/confirm?token=tok-123&type=signup");
    }

    @Test
    void invitationArrivesWithItsLinkAndTheOrgNameEscapedInHtml() throws Exception {
        String to = "invitee-" + UUID.randomUUID() + "@example.com";
        UUID org = UUID.randomUUID();
        var job = JobTopics.job(
                "email",
                org,
                new EmailJob(EmailJob.INVITATION, to, Map.of("token", "inv-9", "orgName", "Acme <R&D>")).toPayload());

        JobTopics.publish(job, org.toString());

        ReceivedMail mail = awaitMails(to, 1).getFirst();
        assertThat(mail.subject()).isEqualTo("You are invited to join Acme <R&D>");
        assertThat(mail.body())
                .contains("http://localhost:3000/invitations/inv-9")
                .contains("Acme &lt;R&amp;D&gt;");
    }

    @Test
    void producerStylePayloadWithTopLevelTokenAndGoTrueTemplateNameIsSent() throws Exception {
        String to = "recover-" + UUID.randomUUID() + "@example.com";
        var job = JobTopics.job(
                "email", null, Map.of("template", "confirm_email_change", "to", to, "token", "chg-1", "type", "x"));

        JobTopics.publish(job, UUID.randomUUID().toString());

        assertThat(awaitMails(to, 1).getFirst().body())
                .contains("http://localhost:3000/auth/confirm?token=chg-1&type=email_change");
    }

    @Test
    void duplicateDeliveryIsSentOnce() throws Exception {
        String to = "dup-" + UUID.randomUUID() + "@example.com";
        String key = UUID.randomUUID().toString();
        var job = JobTopics.job("email", null, new EmailJob(EmailJob.RECOVERY, to, Map.of("token", "r-1")).toPayload());
        var marker =
                JobTopics.job("email", null, new EmailJob(EmailJob.RECOVERY, to, Map.of("token", "r-2")).toPayload());

        JobTopics.publish(job, key);
        JobTopics.publish(job, key);
        // Same key, same partition: once the marker's mail is there, both deliveries of the job were handled.
        JobTopics.publish(marker, key);

        List<ReceivedMail> mails = awaitMails(to, 2);
        assertThat(mails).hasSize(2);
        assertThat(mails.stream().filter(m -> m.body().contains("token=r-1"))).hasSize(1);
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
