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
 * than being refused, then resumed (SIGCONT).
 */
@SearchServiceTest
class OpenSearchOutageTest {

    @LocalServerPort
    int port;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

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

        signal(engine.process(), "STOP");
        try {
            projects.forEach(CoreEvents::project);
            var during = api.search(user, org, "quasar");
            assertThat(during.status()).isEqualTo(503);
            assertThat(during.errorCode()).isEqualTo("unavailable");
            assertThat(during.body().toString()).doesNotContainIgnoringCase("exception");
        } finally {
            signal(engine.process(), "CONT");
        }

        Eventually.within(
                Duration.ofSeconds(60), () -> api.search(user, org, "quasar").total() == projects.size());
    }

    private static void signal(ProcessHandle process, String signal) throws Exception {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
        assertThat(exit).isZero();
    }
}
