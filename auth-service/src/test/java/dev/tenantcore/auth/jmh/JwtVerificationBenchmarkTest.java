package dev.tenantcore.auth.jmh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link JwtVerificationBenchmark} with JMH and prints its table (asserts nothing; skipped unless
 * {@code -Dbenchmark=true}):
 *
 * <pre>
 * ./mvnw -B -o verify -pl auth-service -Dtest=JwtVerificationBenchmarkTest -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class JwtVerificationBenchmarkTest {

    @Test
    void jwtVerificationCost() throws Exception {
        new Runner(new OptionsBuilder()
                        .include(JwtVerificationBenchmark.class.getName())
                        .forks(1)
                        .warmupIterations(3)
                        .warmupTime(TimeValue.seconds(2))
                        .measurementIterations(5)
                        .measurementTime(TimeValue.seconds(2))
                        .threads(1)
                        .build())
                .run();
    }
}
