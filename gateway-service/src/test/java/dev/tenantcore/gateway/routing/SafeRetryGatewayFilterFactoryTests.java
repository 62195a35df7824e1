package dev.tenantcore.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import reactor.netty.http.client.PrematureCloseException;

class SafeRetryGatewayFilterFactoryTests {

    @Test
    void repeatsAConnectionNeverMadeForEveryMethod() {
        for (var method : new HttpMethod[] {HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE}) {
            assertThat(SafeRetryGatewayFilterFactory.isSafeToRepeat(method, new ConnectException("refused")))
                    .isTrue();
            assertThat(SafeRetryGatewayFilterFactory.isSafeToRepeat(
                            method, new IllegalStateException(new ConnectTimeoutException("timed out"))))
                    .isTrue();
        }
    }

    @Test
    void repeatsOtherIoFailuresForGetOnly() {
        var closedMidway = PrematureCloseException.TEST_EXCEPTION;
        assertThat(SafeRetryGatewayFilterFactory.isSafeToRepeat(HttpMethod.GET, closedMidway))
                .isTrue();
        assertThat(SafeRetryGatewayFilterFactory.isSafeToRepeat(HttpMethod.POST, closedMidway))
                .isFalse();
        assertThat(SafeRetryGatewayFilterFactory.isSafeToRepeat(HttpMethod.PATCH, new IOException("reset")))
                .isFalse();
        assertThat(SafeRetryGatewayFilterFactory.isSafeToRepeat(HttpMethod.GET, new IllegalStateException("bug")))
                .isFalse();
    }
}
