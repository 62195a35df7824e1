package dev.tenantcore.support.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Checks a running service's actuator probes the way Kubernetes does: status code and body. */
public final class Probes {

    private static final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Probes() {}

    /** Asserts that liveness and readiness both answer 200 UP on the service at this port. */
    public static void assertLiveAndReady(int port) throws IOException, InterruptedException {
        for (String probe : new String[] {"liveness", "readiness"}) {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/" + probe))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(response.body()).as(probe).contains("\"status\":\"UP\"");
        }
    }
}
