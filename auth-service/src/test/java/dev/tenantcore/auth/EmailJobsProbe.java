package dev.tenantcore.auth;

import dev.tenantcore.contracts.events.Topics;
import dev.tenantcore.contracts.jobs.JobTypes;
import dev.tenantcore.engines.test.SharedEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Reads what the service really put on Kafka (e-mail jobs and auth events), from the start of the topics, in a
 * background thread shared by all tests of this JVM.
 */
public final class EmailJobsProbe {

    private static final List<JsonNode> JOBS = new CopyOnWriteArrayList<>();
    private static final List<JsonNode> EVENTS = new CopyOnWriteArrayList<>();
    private static volatile boolean started;

    private EmailJobsProbe() {}

    /**
     * The newest e-mail job to the address with the template (an {@code EmailJob} name), waiting up to 15 s: the
     * Kafka record's key under {@code key}, its value (a {@code JobRequest}) under {@code value}.
     */
    public static JsonNode awaitJob(String to, String template) {
        start();
        return await(
                () -> JOBS.reversed().stream()
                        .filter(job -> {
                            JsonNode p = job.path("value").path("payload");
                            return p.path("to").asString("").equals(to.strip())
                                    && p.path("template").asString("").equals(template);
                        })
                        .findFirst()
                        .orElse(null),
                "e-mail job " + template + " to " + to);
    }

    /** The payload ({@code EmailJob}: template, to, params) of the newest matching e-mail job. */
    public static JsonNode awaitPayload(String to, String template) {
        return awaitJob(to, template).path("value").path("payload");
    }

    /** The token parameter of the newest matching e-mail job. */
    public static String awaitToken(String to, String template) {
        return awaitPayload(to, template).path("params").path("token").asString();
    }

    /** Every e-mail job seen so far. */
    public static List<JsonNode> jobs() {
        start();
        return List.copyOf(JOBS);
    }

    /** The first auth event of the type whose payload has the field value, waiting up to 15 s. */
    public static JsonNode awaitEvent(String type, String field, String value) {
        start();
        return await(
                () -> EVENTS.stream()
                        .filter(e -> e.path("metadata")
                                        .path("type")
                                        .asString("")
                                        .equals(type)
                                && e.path("payload").path(field).asString("").equals(value))
                        .findFirst()
                        .orElse(null),
                "event " + type + " with " + field + "=" + value);
    }

    private static JsonNode await(java.util.function.Supplier<JsonNode> find, String what) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            JsonNode found = find.get();
            if (found != null) {
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no " + what + " on Kafka");
    }

    private static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedEngines.kafka());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "auth-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
        var consumer = new KafkaConsumer<String, String>(props);
        consumer.subscribe(List.of(Topics.jobs(JobTypes.EMAIL), Topics.AUTH_USERS));
        Thread thread = new Thread(
                () -> {
                    while (true) {
                        for (var record : consumer.poll(Duration.ofMillis(100))) {
                            JsonNode json = Api.JSON.readTree(record.value());
                            if (record.topic().equals(Topics.AUTH_USERS)) {
                                EVENTS.add(json);
                            } else {
                                var job = Api.JSON.createObjectNode();
                                job.put("key", record.key());
                                job.set("value", json);
                                JOBS.add(job);
                            }
                        }
                    }
                },
                "email-jobs-probe");
        thread.setDaemon(true);
        thread.start();
    }
}
