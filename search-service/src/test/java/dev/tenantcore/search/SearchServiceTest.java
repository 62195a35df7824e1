package dev.tenantcore.search;

import dev.tenantcore.engines.test.KafkaTestConfiguration;
import dev.tenantcore.support.testing.TestTokens;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A full search-service on the shared real engines of this test JVM. Every test class with this
 * annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({KafkaTestConfiguration.class, OpenSearchTestConfiguration.class, CoreStub.Config.class, TestTokens.Config.class
})
public @interface SearchServiceTest {}
