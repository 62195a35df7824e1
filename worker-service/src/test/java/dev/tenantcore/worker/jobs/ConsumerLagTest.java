package dev.tenantcore.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantcore.contracts.jobs.JobTypes;
import dev.tenantcore.worker.CoreStub;
import dev.tenantcore.worker.JobTopics;
import dev.tenantcore.worker.WorkerServiceTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/** The consumer group's lag per job topic, as Prometheus scrapes it: up while jobs wait, back to 0 once consumed. */
@WorkerServiceTest
class ConsumerLagTest {

    private static final String TOPIC = "jobs." + JobTypes.EXPORT;
    private static final Pattern LAG =
            Pattern.compile("(?m)^worker_consumer_lag\\{[^}]*topic=\"" + Pattern.quote(TOPIC) + "\"[^}]*} (\\S+)$");

    @LocalServerPort
    int port;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    final UUID org = UUID.randomUUID();

    @Test
    void lagOfAJobTopicRisesWhileItsConsumersArePausedAndFallsToZeroOnceConsumed() throws Exception {
        CoreStub.get().export(org, "{\"type\":\"organization\",\"data\":{}}\n");
        var container = listeners.getListenerContainer(TOPIC);
        container.pause();
        try {
            await().atMost(Duration.ofSeconds(20)).until(container::isContainerPaused);
            for (int i = 0; i < 3; i++) {
                JobTopics.publish(JobTopics.job(JobTypes.EXPORT, org, Map.of()), org.toString());
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> lag() >= 3);
        } finally {
            container.resume();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> lag() == 0);
    }

    private double lag() throws Exception {
        var response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        var matcher = LAG.matcher(response.body());
        assertThat(matcher.find())
                .as("worker_consumer_lag for " + TOPIC + " in "
                        + response.body()
                                .lines()
                                .filter(l -> l.startsWith("worker_consumer_lag"))
                                .toList())
                .isTrue();
        // Kafka's own client metric is there too (Boot's Micrometer listener on the consumer factory).
        assertThat(response.body()).contains("kafka_consumer_fetch_manager_records_lag_max");
        return Double.parseDouble(matcher.group(1));
    }
}
