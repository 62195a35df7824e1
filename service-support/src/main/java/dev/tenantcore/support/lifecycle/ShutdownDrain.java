package dev.tenantcore.support.lifecycle;

import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * Keeps a stopping service answering for {@code tenantcore.shutdown.drain} before its graceful shutdown begins.
 *
 * <p>On SIGTERM the readiness probe turns to {@code OUT_OF_SERVICE} at once (Spring Boot publishes
 * {@code REFUSING_TRAFFIC} when the context starts closing), but Tomcat's graceful shutdown then closes the
 * listening socket and every idle keep-alive connection. A router that has not yet noticed the readiness change
 * can write a request on one of those connections just as it closes: the request fails after it was sent, and a
 * POST cannot safely be repeated. The drain closes that window: the service goes on serving while routers that
 * poll readiness (the gateway's health-checked instance lists, every second) take it out of their choices, and
 * only then stops accepting.
 *
 * <p>Off by default (0 s): in Kubernetes the pod's {@code preStop} pause does the same before SIGTERM. Set it to
 * more than the gateway's health-check interval where the gateway lists a service's processes directly.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ShutdownDrain.DrainProperties.class)
public class ShutdownDrain {

    @Bean
    SmartLifecycle shutdownDrain(DrainProperties properties) {
        return new Drain(properties.drain());
    }

    /**
     * @param drain how long a stopping service keeps serving after its readiness turned down
     */
    @ConfigurationProperties("tenantcore.shutdown")
    public record DrainProperties(@DefaultValue("0s") Duration drain) {}

    /** Stopped first of all lifecycles, so the web server and the Kafka listeners still run while it waits. */
    static final class Drain implements SmartLifecycle {

        private final Duration drain;
        private volatile boolean running;

        Drain(Duration drain) {
            this.drain = drain;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
            if (drain.isPositive()) {
                try {
                    Thread.sleep(drain);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return Integer.MAX_VALUE;
        }
    }
}
