package dev.tenantcore.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.core.CoreServiceTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@CoreServiceTest
class OutboxBacklogTest {

    private static final Pattern BACKLOG =
            Pattern.compile("(?m)^tenantcore_outbox_backlog\\{[^}]*application=\"core-service\"[^}]*} (\\S+)$");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void scrapesTheNumberOfIncompletePublications() throws Exception {
        UUID stuck = UUID.randomUUID();
        // An entry that never reached Kafka: counted until it is completed.
        jdbc.sql("""
                        insert into event_publication (id, listener_id, event_type, serialized_event, publication_date)
                        values (?, 'test-listener', 'java.lang.String', '"stuck"', now())""").param(stuck).update();
        try {
            assertThat(backlog()).isGreaterThanOrEqualTo(1);
        } finally {
            jdbc.sql("delete from event_publication where id = ?").param(stuck).update();
        }
    }

    private double backlog() throws Exception {
        var scrape = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        var value = BACKLOG.matcher(scrape.body());
        assertThat(value.find()).as("tenantcore_outbox_backlog in the scrape").isTrue();
        return Double.parseDouble(value.group(1));
    }
}
