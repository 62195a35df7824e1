package dev.tenantcore.auth.accounts;

import dev.tenantcore.auth.config.AuthProperties;
import dev.tenantcore.contracts.events.EventMetadata;
import dev.tenantcore.contracts.jobs.JobRequest;
import dev.tenantcore.contracts.jobs.JobTypes;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Asks the worker to send an e-mail: a {@link JobRequest} on {@code jobs.email}, through the outbox so that it
 * leaves only if the transaction that created the token commits. Payload: template, to, token, type, link.
 */
@Component
class EmailJobs {

    private final ApplicationEventPublisher publisher;
    private final AuthProperties properties;

    EmailJobs(ApplicationEventPublisher publisher, AuthProperties properties) {
        this.publisher = publisher;
        this.properties = properties;
    }

    void send(String template, String to, UUID userId, String type, String token) {
        String link = UriComponentsBuilder.fromUri(properties.signup().siteUrl())
                .path("/auth/confirm")
                .queryParam("type", type)
                .queryParam("token", token)
                .build()
                .toUriString();
        var payload =
                Map.<String, Object>of("template", template, "to", to, "type", type, "token", token, "link", link);
        publisher.publishEvent(new JobRequest(EventMetadata.now(JobTypes.EMAIL, null, userId), payload));
    }
}
