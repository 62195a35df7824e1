package dev.tenantcore.worker.mail;

import dev.tenantcore.worker.jobs.JobRejected;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The e-mail templates, {@code mail/<name>.txt} (first line {@code Subject: ...}) and {@code mail/<name>.html},
 * with {@code {{param}}} placeholders: replaced as is in the text, HTML-escaped in the HTML. A missing
 * template or parameter rejects the job: retrying cannot supply it.
 */
@Component
class MailTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*}}");
    private static final String SUBJECT = "Subject: ";

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    RenderedMail render(String template, Map<String, String> params) {
        String text = fill(load(template + ".txt"), params, false);
        String html = fill(load(template + ".html"), params, true);
        int newline = text.indexOf('\n');
        if (!text.startsWith(SUBJECT) || newline < 0) {
            throw new IllegalStateException("template " + template + ".txt must start with a Subject line");
        }
        String subject = text.substring(SUBJECT.length(), newline)
                .replaceAll("[\\r\\n]+", " ")
                .strip();
        return new RenderedMail(subject, text.substring(newline + 1), html);
    }

    private String load(String name) {
        return cache.computeIfAbsent(name, n -> {
            try (InputStream in = MailTemplates.class.getResourceAsStream("/mail/" + n)) {
                if (in == null) {
                    throw JobRejected.because("unknown e-mail template");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String fill(String template, Map<String, String> params, boolean html) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = params.get(matcher.group(1));
            if (value == null) {
                throw JobRejected.because("the e-mail needs the parameter " + matcher.group(1));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(html ? HtmlUtils.htmlEscape(value) : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A rendered e-mail: subject, plain text and HTML. */
    record RenderedMail(String subject, String text, String html) {}
}
