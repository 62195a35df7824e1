package dev.tenantcore.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.contracts.api.ErrorCode;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/** A service that dies mid-answer is unavailable (503), not an error of the gateway (500). */
class FailureTests {

    @Test
    void aResetOrClosedConnectionToTheServiceIsUnavailable() {
        assertThat(Failure.of(new SocketException("Connection reset")).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(Failure.of(new IllegalStateException("wrapped", new java.nio.channels.ClosedChannelException()))
                        .status())
                .isEqualTo(503);
    }

    @Test
    void anythingElseUnexpectedIsInternal() {
        assertThat(Failure.of(new IllegalStateException("bug")).code()).isEqualTo(ErrorCode.INTERNAL);
    }
}
