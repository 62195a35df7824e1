package dev.tenantcore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The GitHub workflows parse as YAML and each defines jobs with steps. */
class WorkflowsTest {

    @Test
    void everyWorkflowDefinesJobsWithSteps() throws IOException {
        List<Path> workflows;
        try (Stream<Path> files = Files.list(Repository.root().resolve(".github/workflows"))) {
            workflows = files.filter(file -> file.toString().endsWith(".yml")).toList();
        }
        assertThat(workflows)
                .extracting(file -> file.getFileName().toString())
                .contains("ci.yml", "images.yml", "deploy.yml");
        for (Path workflow : workflows) {
            Map<String, Object> document =
                    Repository.yamlDocuments(Repository.read(workflow)).getFirst();
            assertThat(document).as(workflow.toString()).containsKeys("name", "jobs");
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> jobs = (Map<String, Map<String, Object>>) document.get("jobs");
            jobs.forEach(
                    (name, job) -> assertThat(job).as(workflow + " job " + name).containsKeys("runs-on", "steps"));
        }
    }
}
