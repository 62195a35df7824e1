package dev.tenantcore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each service's Dockerfile: it copies that service's Boot jar and runs as a non-root user. */
class DockerfilesTest {

    static final java.util.List<String> SERVICES = Repository.SERVICES;

    @ParameterizedTest
    @FieldSource("SERVICES")
    void copiesTheServicesBootJarFromTarget(String service) {
        String dockerfile = dockerfile(service);
        String artifactId = artifactId(Repository.root().resolve(service).resolve("pom.xml"));
        assertThat(artifactId).isEqualTo(service);
        assertThat(dockerfile).containsPattern("(?m)^COPY target/" + Pattern.quote(artifactId) + "-\\*\\.jar ");
        assertThat(dockerfile).contains("-Djarmode=tools", "extract --layers --launcher");
        assertThat(dockerfile).contains("org.springframework.boot.loader.launch.JarLauncher");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void runsAsANonRootUserWithAHealthCheck(String service) {
        String dockerfile = dockerfile(service);
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
        String last = null;
        while (user.find()) {
            last = user.group(1);
        }
        assertThat(last)
                .as("the last USER of %s/Dockerfile", service)
                .isNotNull()
                .matches("[1-9][0-9]*(:[0-9]+)?");
        assertThat(dockerfile).containsPattern("(?m)^FROM eclipse-temurin:21-jre$");
        assertThat(dockerfile).containsPattern("(?m)^HEALTHCHECK ").contains("/actuator/health/liveness");
    }

    private static String dockerfile(String service) {
        Path file = Repository.root().resolve(service).resolve("Dockerfile");
        assertThat(Files.isRegularFile(file)).as(file.toString()).isTrue();
        return Repository.read(file);
    }

    private static String artifactId(Path pom) {
        // The module's own artifactId: the first one after the parent block.
        String text = Repository.read(pom).replaceAll("(?s)<parent>.*?</parent>", "");
        Matcher matcher = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(text);
        assertThat(matcher.find()).as("artifactId in " + pom).isTrue();
        return matcher.group(1);
    }
}
