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
// Queries may take a little longer than in production (2 s) on a CPU-starved build machine; still well
// within the 3 s that OpenSearchOutageTest holds a search to when the node hangs.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tenantcore.search.query-timeout=2500ms")
@Import({KafkaTestConfiguration.class, OpenSearchTestConfiguration.class, CoreStub.Config.class, TestTokens.Config.class
})
public @interface SearchServiceTest {}
