package dev.tenantcore.core;

import dev.tenantcore.support.testing.Probes;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@CoreServiceTest
class ReadinessTest {

    @LocalServerPort
    int port;

    @Test
    void isLiveAndReadyOnRealEngines() throws Exception {
        Probes.assertLiveAndReady(port);
    }
}
