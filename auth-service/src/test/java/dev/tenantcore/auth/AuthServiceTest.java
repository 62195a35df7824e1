package dev.tenantcore.auth;

import dev.tenantcore.engines.test.KafkaTestConfiguration;
import dev.tenantcore.engines.test.PostgresTestConfiguration;
import dev.tenantcore.engines.test.RedisTestConfiguration;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full auth-service on the shared real engines of this test JVM. Every test class with this
 * annotation shares one application context. The service verifies the tokens it issues itself (no test key).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // Tests present distinct client addresses; a low limit keeps the per-address test short.
            "tenantcore.auth.login.max-failures-per-ip=20",
            // Long enough for two concurrent requests, short enough to test reuse after it.
            "tenantcore.auth.tokens.refresh-reuse-grace=1s"
        })
@Import({PostgresTestConfiguration.class, RedisTestConfiguration.class, KafkaTestConfiguration.class})
// core-service's authorization API is a real HTTP stub in this JVM; a real OpenID provider (OidcProvider) too.
@ContextConfiguration(initializers = {CoreStub.Initializer.class, OidcProvider.Initializer.class})
public @interface AuthServiceTest {}
