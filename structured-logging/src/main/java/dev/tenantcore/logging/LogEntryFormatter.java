package dev.tenantcore.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.core.env.Environment;

/**
 * One JSON object per log line: {@code timestamp, level, message, traceId, spanId, service, context}
 * ({@code context} holds the logger, thread, request id, any other MDC entry and the event's key-value pairs),
 * plus {@code error}
 * with the stack trace when there is one.
 */
public class LogEntryFormatter implements StructuredLogFormatter<ILoggingEvent> {

    private static final Set<String> TOP_LEVEL = Set.of("traceId", "spanId");

    private final JsonWriter<ILoggingEvent> writer;

    public LogEntryFormatter(Environment environment) {
        String service = environment.getProperty("spring.application.name", "unknown");
        var throwables = new ThrowableProxyConverter();
        throwables.start();
        this.writer = JsonWriter.<ILoggingEvent>of(members -> {
                    members.add(
                            "timestamp",
                            event -> Instant.ofEpochMilli(event.getTimeStamp()).toString());
                    members.add("level", event -> event.getLevel().toString());
                    members.add("message", ILoggingEvent::getFormattedMessage);
                    members.add("traceId", event -> event.getMDCPropertyMap().get("traceId"))
                            .whenNotNull();
                    members.add("spanId", event -> event.getMDCPropertyMap().get("spanId"))
                            .whenNotNull();
                    members.add("service", event -> service);
                    members.add("context", LogEntryFormatter::context);
                    members.add("error", event -> event.getThrowableProxy() == null ? null : throwables.convert(event))
                            .whenNotNull();
                })
                .withNewLineAtEnd();
    }

    private static Map<String, String> context(ILoggingEvent event) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("logger", event.getLoggerName());
        context.put("thread", event.getThreadName());
        event.getMDCPropertyMap().forEach((key, value) -> {
            if (!TOP_LEVEL.contains(key)) {
                context.put(key, value);
            }
        });
        // Key-value pairs of SLF4J's fluent API (log.atWarn().addKeyValue(...)) belong to the context too.
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(pair -> context.put(pair.key, String.valueOf(pair.value)));
        }
        return context;
    }

    @Override
    public String format(ILoggingEvent event) {
        return writer.writeToString(event);
    }
}
