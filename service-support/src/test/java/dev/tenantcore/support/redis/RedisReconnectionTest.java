package dev.tenantcore.support.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class RedisReconnectionTest {

    @Test
    void reconnectionAttemptsAreAtMostTwoSecondsApartHoweverLongRedisWasAway() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisReconnection.class))
                .run(context -> {
                    var builder = DefaultClientResources.builder();
                    context.getBeansOfType(ClientResourcesBuilderCustomizer.class)
                            .values()
                            .forEach(customizer -> customizer.customize(builder));
                    ClientResources resources = builder.build();
                    try {
                        var delay = resources.reconnectDelay();
                        assertThat(delay.createDelay(1)).isLessThanOrEqualTo(Duration.ofMillis(200));
                        assertThat(delay.createDelay(30)).isEqualTo(Duration.ofSeconds(2));
                    } finally {
                        resources.shutdown();
                    }
                });
    }
}
