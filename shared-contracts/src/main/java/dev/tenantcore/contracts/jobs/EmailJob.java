package dev.tenantcore.contracts.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The payload of an {@code email} job: which template to render, for whom, with which parameters. The
 * worker builds links from its configured frontend URL and the parameters (e.g. {@code token}), so
 * producers never hard-code the frontend's address.
 *
 * @param template one of the template names below
 * @param to the recipient's address
 * @param params template parameters, e.g. {@code token}, {@code orgName}, {@code inviterEmail}
 */
public record EmailJob(String template, String to, Map<String, String> params) {

    /** Confirm a new account: params {@code token}. */
    public static final String SIGNUP_CONFIRMATION = "signup-confirmation";
    /** Reset a password: params {@code token}. */
    public static final String RECOVERY = "recovery";
    /** Confirm a new e-mail address: params {@code token}. */
    public static final String EMAIL_CHANGE = "email-change";
    /** Join an organization: params {@code token}, {@code orgName}, {@code inviterEmail}, {@code role}. */
    public static final String INVITATION = "invitation";
    /** A requested report can be downloaded: params {@code orgId}, {@code reportId}. */
    public static final String REPORT_READY = "report-ready";

    public EmailJob {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(to, "to");
        params = Map.copyOf(params);
    }

    /** The job's payload map as it travels in a {@link JobRequest}. */
    public Map<String, Object> toPayload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("template", template);
        payload.put("to", to);
        payload.put("params", params);
        return payload;
    }

    /** Reads the payload of a {@link JobRequest}; fails on a payload that is not an e-mail job. */
    @SuppressWarnings("unchecked")
    public static EmailJob fromPayload(Map<String, Object> payload) {
        Object template = payload.get("template");
        Object to = payload.get("to");
        Object params = payload.getOrDefault("params", Map.of());
        if (!(template instanceof String t) || !(to instanceof String r) || !(params instanceof Map<?, ?> p)) {
            throw new IllegalArgumentException("not an e-mail job payload");
        }
        Map<String, String> strings = new LinkedHashMap<>();
        ((Map<Object, Object>) p).forEach((k, v) -> strings.put(String.valueOf(k), String.valueOf(v)));
        return new EmailJob(t, r, strings);
    }
}
