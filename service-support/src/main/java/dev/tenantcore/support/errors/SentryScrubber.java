package dev.tenantcore.support.errors;

import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Removes secrets and personal data from every Sentry event before it leaves the process: passwords,
 * access and refresh tokens, API keys ({@code sk_...}), the internal credential, cookies and e-mail
 * addresses, wherever they appear (request, user, message, exception texts, breadcrumbs, extras, tags,
 * contexts). Values under a sensitive name are replaced whole; free text is scrubbed by pattern.
 */
public final class SentryScrubber implements SentryOptions.BeforeSendCallback {

    /** What replaces a removed value. */
    public static final String FILTERED = "[Filtered]";

    /** Names (headers, parameters, JSON members, map keys) whose values are always secret. */
    private static final Pattern SENSITIVE_NAME = Pattern.compile(
            "(?i).*(password|passwd|pwd|secret|token|authorization|cookie|api[-_]?key|credential|session|"
                    + "pepper|kek|private[-_]?key|signature|email|e-mail).*");

    /** Headers whose values are always kept: harmless and useful for triage. */
    private static final Set<String> SAFE_HEADERS =
            Set.of("content-type", "content-length", "accept", "user-agent", "x-request-id", "traceparent", "host");

    /** {@code name=value}, {@code name: value} or {@code "name":"value"} with a sensitive name, in free text. */
    private static final Pattern SENSITIVE_PAIR = Pattern.compile(
            "(?i)(\"?[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|authorization|cookie|api[-_]?key|credential|pepper)"
                    + "[A-Za-z0-9_.-]*\"?\\s*[:=]\\s*)"
                    + "(\\[Filtered]|\"(?:[^\"\\\\]|\\\\.)*\"|(?:[^\\s&]|&(?![A-Za-z0-9_.-]+=))+)");

    private static final List<Pattern> SECRET_PATTERNS = List.of(
            // Bearer / Basic credentials
            Pattern.compile("(?i)\\b(?:bearer|basic)\\s+[A-Za-z0-9._~+/=-]+"),
            // JSON Web Tokens (access tokens)
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"),
            // API keys
            Pattern.compile("\\b[sr]k_[A-Za-z0-9_]{8,}"),
            // e-mail addresses
            Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+"));

    /**
     * Opaque tokens (refresh tokens, random secrets): 32+ base64url characters mixing upper case, lower
     * case and digits. UUIDs, trace ids and hashes in hex are lower case only and stay readable.
     */
    private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9_-]{32,}");

    @Override
    public SentryEvent execute(SentryEvent event, Hint hint) {
        scrubRequest(event);
        scrubUser(event);
        Message message = event.getMessage();
        if (message != null) {
            message.setMessage(scrub(message.getMessage()));
            message.setFormatted(scrub(message.getFormatted()));
            // The raw arguments of a log call may be secrets that no pattern recognizes (a password);
            // the formatted message, scrubbed, carries what is needed.
            message.setParams(null);
        }
        List<SentryException> exceptions = event.getExceptions();
        if (exceptions != null) {
            exceptions.forEach(e -> e.setValue(scrub(e.getValue())));
        }
        List<Breadcrumb> breadcrumbs = event.getBreadcrumbs();
        if (breadcrumbs != null) {
            for (Breadcrumb crumb : breadcrumbs) {
                crumb.setMessage(scrub(crumb.getMessage()));
                Map<String, Object> data = crumb.getData();
                data.replaceAll(SentryScrubber::scrubEntry);
            }
        }
        if (event.getExtras() != null) {
            event.setExtras(scrubMap(event.getExtras()));
        }
        Map<String, String> tags = event.getTags();
        if (tags != null) {
            Map<String, String> clean = new LinkedHashMap<>();
            tags.forEach((k, v) -> clean.put(k, String.valueOf(scrubEntry(k, v))));
            event.setTags(clean);
        }
        var contexts = event.getContexts();
        for (var entry : new ArrayList<>(contexts.entrySet())) {
            if (entry.getValue() instanceof Map<?, ?> || entry.getValue() instanceof String) {
                contexts.put(entry.getKey(), scrubEntry(entry.getKey(), entry.getValue()));
            }
        }
        return event;
    }

    private static void scrubRequest(SentryEvent event) {
        var request = event.getRequest();
        if (request == null) {
            return;
        }
        request.setCookies(null);
        request.setData(null);
        request.setQueryString(scrub(request.getQueryString()));
        request.setUrl(scrub(request.getUrl()));
        if (request.getHeaders() != null) {
            Map<String, String> headers = new LinkedHashMap<>();
            request.getHeaders().forEach((name, value) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (SAFE_HEADERS.contains(lower)) {
                    headers.put(name, value);
                } else if (!lower.startsWith("x-")
                        || SENSITIVE_NAME.matcher(lower).matches()) {
                    // Authorization, Cookie, X-API-Key, X-Internal-Token, ...: never sent.
                    headers.put(name, FILTERED);
                } else {
                    headers.put(name, scrub(value));
                }
            });
            request.setHeaders(headers);
        }
        request.setEnvs(null);
    }

    private static void scrubUser(SentryEvent event) {
        var user = event.getUser();
        if (user != null) {
            user.setEmail(null);
            user.setIpAddress(null);
            user.setUsername(scrub(user.getUsername()));
            user.setName(null);
            if (user.getData() != null) {
                Map<String, String> clean = new LinkedHashMap<>();
                user.getData().forEach((k, v) -> clean.put(k, String.valueOf(scrubEntry(k, v))));
                user.setData(clean);
            }
        }
    }

    private static Map<String, Object> scrubMap(Map<?, ?> map) {
        Map<String, Object> clean = new LinkedHashMap<>();
        map.forEach((k, v) -> clean.put(String.valueOf(k), scrubEntry(String.valueOf(k), v)));
        return clean;
    }

    private static @Nullable Object scrubEntry(String key, @Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (SENSITIVE_NAME.matcher(key).matches()) {
            return FILTERED;
        }
        if (value instanceof Map<?, ?> map) {
            return scrubMap(map);
        }
        if (value instanceof Collection<?> values) {
            List<Object> clean = new ArrayList<>();
            values.forEach(v -> clean.add(scrubEntry("", v)));
            return clean;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return scrub(value.toString());
    }

    /** Free text with every recognizable secret and e-mail address replaced by {@value #FILTERED}. */
    public static @Nullable String scrub(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Pattern pattern : SECRET_PATTERNS) {
            result = pattern.matcher(result).replaceAll(FILTERED);
        }
        result = SENSITIVE_PAIR.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + FILTERED));
        return OPAQUE.matcher(result)
                .replaceAll(m -> isOpaqueSecret(m.group()) ? FILTERED : Matcher.quoteReplacement(m.group()));
    }

    private static boolean isOpaqueSecret(String candidate) {
        boolean upper = false, lower = false, digit = false;
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
            digit |= Character.isDigit(c);
        }
        return upper && lower && digit;
    }
}
