package dev.tenantcore.worker.mail;

import dev.tenantcore.contracts.jobs.EmailJob;
import dev.tenantcore.worker.config.WorkerProperties;
import dev.tenantcore.worker.jobs.JobRejected;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** The frontend links in e-mails, built on {@code tenantcore.worker.frontend-url}, never taken from a job. */
@Component
class Links {

    /** An export can be downloaded: params {@code orgId}, {@code reportId} (the export's id). */
    static final String EXPORT_READY = "export-ready";

    private final WorkerProperties properties;

    Links(WorkerProperties properties) {
        this.properties = properties;
    }

    String forTemplate(String template, Map<String, String> params) {
        var uri = UriComponentsBuilder.fromUri(properties.frontendUrl());
        return switch (template) {
            case EmailJob.SIGNUP_CONFIRMATION ->
                uri.path("/auth/confirm")
                        .queryParam("token", param(params, "token"))
                        .queryParam("type", "signup")
                        .encode()
                        .toUriString();
            case EmailJob.RECOVERY ->
                uri.path("/auth/reset")
                        .queryParam("token", param(params, "token"))
                        .encode()
                        .toUriString();
            case EmailJob.EMAIL_CHANGE ->
                uri.path("/auth/confirm")
                        .queryParam("token", param(params, "token"))
                        .queryParam("type", "email_change")
                        .encode()
                        .toUriString();
            case EmailJob.INVITATION ->
                uri.path("/invitations/{token}")
                        .buildAndExpand(param(params, "token"))
                        .encode()
                        .toUriString();
            case EmailJob.REPORT_READY ->
                uri.path("/orgs/{orgId}/reports/{reportId}")
                        .buildAndExpand(param(params, "orgId"), param(params, "reportId"))
                        .encode()
                        .toUriString();
            case EXPORT_READY ->
                uri.path("/orgs/{orgId}/exports/{exportId}")
                        .buildAndExpand(param(params, "orgId"), param(params, "reportId"))
                        .encode()
                        .toUriString();
            default -> throw JobRejected.because("unknown e-mail template");
        };
    }

    private static String param(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            throw JobRejected.because("the e-mail needs the parameter " + name);
        }
        return value;
    }
}
