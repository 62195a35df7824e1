package dev.tenantcore.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The gateway writes the same JSON log line as every service (the LogEntry shape), with its context. */
@ExtendWith(OutputCaptureExtension.class)
class LogLineTests extends GatewayTestSupport {

    @Test
    void aFailedRequestIsOneJsonLineWithItsCodeAndRequestId(CapturedOutput output) {
        signedIn().get().uri("/api/v1/slow").exchange().expectStatus().isEqualTo(503);

        assertThat(output.getOut().lines().filter(line -> line.contains("failed with 503")))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("{\"timestamp\":\"")
                        .contains("\"level\":\"WARN\"")
                        .contains("\"service\":\"gateway-service\"")
                        .contains("\"logger\":\"dev.tenantcore.gateway.error.GatewayErrorHandler\"")
                        .contains("\"errorCode\":\"unavailable\"")
                        .containsPattern("\"requestId\":\"[0-9a-f-]{36}\""));
    }
}
