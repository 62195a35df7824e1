package dev.tenantcore.search.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenantcore.contracts.events.core.ProjectSnapshot;
import dev.tenantcore.engines.test.SharedEngines;
import dev.tenantcore.search.CoreEvents;
import dev.tenantcore.search.CoreStub;
import dev.tenantcore.search.Eventually;
import dev.tenantcore.search.SearchApi;
import dev.tenantcore.search.SearchServiceTest;
import dev.tenantcore.search.opensearch.OpenSearchQueries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * A realistic outage: the OpenSearch process is paused (SIGSTOP), so connections hang and time out rather
 * than being refused, then resumed (SIGCONT). Searches meanwhile answer 503 {@code unavailable} within the
 * query timeout, and at once when the breaker is open.
 */
@SearchServiceTest
class OpenSearchOutageTest {

    @LocalServerPort
    int port;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    OpenSearchQueries queries;

    @Test
    void eventsWaitInKafkaDuringAnOutageAndAllBecomeSearchableAfterwards() throws Exception {
        var engine = SharedEngines.openSearchEngine();
        assumeTrue(engine != null, "needs the embedded OpenSearch node");
        var api = new SearchApi(port);
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        CoreStub.member(user, org);
        CoreEvents.awaitConsumer(listeners);
        List<ProjectSnapshot> projects = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            projects.add(CoreEvents.projectSnapshot(org, null, "Quasar outage " + i, "written while down", 1));
        }

        assertThat(api.search(user, org, "quasar").status()).as("warm-up").isEqualTo(200);

        signal(engine.process(), "STOP");
        try {
            projects.forEach(CoreEvents::project);
            // Each search gives up after the query timeout (2.5 s here), well before the gateway's 10 s; once most
            // recent queries failed, the breaker answers at once.
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                long start = System.nanoTime();
                var during = api.search(user, org, "quasar");
                millis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
                assertThat(during.status()).isEqualTo(503);
                assertThat(during.errorCode()).isEqualTo("unavailable");
                assertThat(during.body().toString()).doesNotContainIgnoringCase("exception");
            }
            assertThat(millis)
                    .as("answer times in ms")
                    .allSatisfy(ms -> assertThat(ms).isLessThan(3_000));
            assertThat(queries.state()).isEqualTo("OPEN");
            assertThat(millis.getLast()).as("answer time with the breaker open").isLessThan(1_000);
        } finally {
            signal(engine.process(), "CONT");
        }

        Eventually.within(
                Duration.ofSeconds(60), () -> api.search(user, org, "quasar").total() == projects.size());
        assertThat(queries.state()).isEqualTo("CLOSED");
    }

    private static void signal(ProcessHandle process, String signal) throws Exception {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
        assertThat(exit).isZero();
    }
}
