package dev.tenantcore.worker.mail;

import dev.tenantcore.contracts.jobs.EmailJob;
import dev.tenantcore.contracts.jobs.JobTypes;
import dev.tenantcore.worker.config.WorkerProperties;
import dev.tenantcore.worker.jobs.Job;
import dev.tenantcore.worker.jobs.JobCommit;
import dev.tenantcore.worker.jobs.JobHandler;
import dev.tenantcore.worker.jobs.JobRejected;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends an {@link EmailJob} over SMTP, as HTML with a plain-text alternative. The e-mail is an external
 * effect, so delivery is at least once: a crash after sending and before the job is marked done sends it
 * again. The {@code Message-ID} is derived from the job id, so such a repeat is the same message to the
 * receiving side, which may drop it.
 */
@Component
class EmailJobHandler implements JobHandler {

    /** Names some producers use (GoTrue's), mapped to the template names of {@link EmailJob}. */
    private static final Map<String, String> ALIASES =
            Map.of("confirm_signup", EmailJob.SIGNUP_CONFIRMATION, "confirm_email_change", EmailJob.EMAIL_CHANGE);

    private final JavaMailSender sender;
    private final MailTemplates templates;
    private final Links links;
    private final WorkerProperties properties;

    EmailJobHandler(JavaMailSender sender, MailTemplates templates, Links links, WorkerProperties properties) {
        this.sender = sender;
        this.templates = templates;
        this.links = links;
        this.properties = properties;
    }

    @Override
    public String type() {
        return JobTypes.EMAIL;
    }

    @Override
    public void handle(Job job, JobCommit commit) throws MessagingException {
        EmailJob email = read(job);
        String template = ALIASES.getOrDefault(email.template(), email.template());
        Map<String, String> params = new HashMap<>(email.params());
        params.put("link", links.forTemplate(template, params));
        var rendered = templates.render(template, params);
        MimeMessage message = new JobMimeMessage(session(), job);
        var helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(properties.mailFrom());
        helper.setTo(recipient(email.to()));
        helper.setSubject(rendered.subject());
        helper.setText(rendered.text(), rendered.html());
        sender.send(message);
    }

    /**
     * The payload as {@link EmailJob#toPayload()} writes it; string fields at the top level (e.g. {@code token})
     * are taken as parameters too, for producers that put them there.
     */
    private static EmailJob read(Job job) {
        try {
            EmailJob email = EmailJob.fromPayload(job.payload());
            Map<String, String> params = new HashMap<>(email.params());
            job.payload().forEach((key, value) -> {
                if (value instanceof String s && !key.equals("template") && !key.equals("to")) {
                    params.putIfAbsent(key, s);
                }
            });
            return new EmailJob(email.template(), email.to(), params);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw JobRejected.because("the job is not an e-mail job");
        }
    }

    private static InternetAddress recipient(String to) {
        try {
            var address = new InternetAddress(to, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw JobRejected.because("the recipient is not a valid e-mail address");
        }
    }

    private Session session() {
        return sender instanceof JavaMailSenderImpl impl ? impl.getSession() : Session.getInstance(new Properties());
    }

    /** A message whose {@code Message-ID} is the job's, so that a resent job is recognisably the same mail. */
    private static final class JobMimeMessage extends MimeMessage {

        private final String messageId;

        JobMimeMessage(Session session, Job job) {
            super(session);
            this.messageId = "<" + job.id() + "@jobs.tenantcore>";
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
