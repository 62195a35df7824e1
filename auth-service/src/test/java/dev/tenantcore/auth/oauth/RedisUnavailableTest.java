package dev.tenantcore.auth.oauth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.auth.config.AuthProperties;
import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.support.web.ApiException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** With Redis down, starting or finishing a sign-in answers 503 {@code unavailable}, never a 500. */
class RedisUnavailableTest {

    static LettuceConnectionFactory down;
    static LoginStates states;
    static FlowCodes codes;

    @BeforeAll
    static void redisThatIsDown() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        down = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", port),
                LettuceClientConfiguration.builder()
                        .commandTimeout(Duration.ofSeconds(1))
                        .clientOptions(ClientOptions.builder()
                                .socketOptions(SocketOptions.builder()
                                        .connectTimeout(Duration.ofMillis(500))
                                        .build())
                                .build())
                        .build());
        down.afterPropertiesSet();
        down.start();
        var redis = new StringRedisTemplate(down);
        var json = JsonMapper.builder().build();
        AuthProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                        "tenantcore.auth.encryption.active-key-id", "k",
                        "tenantcore.auth.encryption.keys.k", "unused")))
                .bindOrCreate("tenantcore.auth", AuthProperties.class);
        states = new LoginStates(redis, json, properties);
        codes = new FlowCodes(redis, json);
    }

    @AfterAll
    static void close() {
        down.destroy();
    }

    @Test
    void authorizeAnswersUnavailableWhenTheStateCannotBeSaved() {
        var started = new LoginStates.Started(
                "test", "verifier", "nonce", URI.create("http://cb"), URI.create("http://app"), null);
        assertUnavailable(() -> states.save("state", started));
    }

    @Test
    void callbackAnswersUnavailableWhenTheStateCannotBeTaken() {
        assertUnavailable(() -> states.take("state"));
    }

    @Test
    void flowCodesAnswerUnavailable() {
        assertUnavailable(() -> codes.issue(UUID.randomUUID(), new FlowCodes.Challenge("c".repeat(43), "s256")));
        assertUnavailable(() -> codes.take("code"));
    }

    private static void assertUnavailable(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).code())
                .isEqualTo(ErrorCode.UNAVAILABLE);
    }
}
