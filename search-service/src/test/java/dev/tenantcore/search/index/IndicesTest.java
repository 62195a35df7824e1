package dev.tenantcore.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.search.SearchServiceTest;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

@SearchServiceTest
class IndicesTest {

    @Autowired
    Indices indices;

    @Autowired
    OpenSearchClient client;

    @Autowired
    JsonMapper json;

    @Test
    void createsVersionedIndicesBehindAliasesWithExplicitMappings() throws IOException {
        indices.ensureCreated();
        indices.ensureCreated();

        for (SearchIndex index : SearchIndex.values()) {
            String physical = indices.current(index);
            assertThat(physical).startsWith(index.alias() + "_v");

            var settings = client.indices()
                    .getSettings(s -> s.index(physical))
                    .result()
                    .get(physical);
            assertThat(settings.settings().index().refreshInterval().time()).isEqualTo("250ms");

            var mapping = client.indices()
                    .getMapping(m -> m.index(physical))
                    .result()
                    .get(physical)
                    .mappings();
            assertThat(mapping.routing().required()).isTrue();
            Property name = mapping.properties().get("name");
            assertThat(name.isSearchAsYouType()).isTrue();
            assertThat(name.searchAsYouType().fields()).containsKey("keyword");
            assertThat(mapping.properties().get("org_id").isKeyword()).isTrue();
            assertThat(mapping.properties().get("description").isText()).isTrue();
        }
    }

    @Test
    void aChangedRefreshIntervalReachesIndicesThatAlreadyExist() throws IOException {
        indices.ensureCreated();
        try {
            new Indices(client, json, new IndexProperties(Duration.ofMillis(700))).ensureCreated();

            for (SearchIndex index : SearchIndex.values()) {
                assertThat(refreshInterval(indices.current(index))).isEqualTo("700ms");
            }
        } finally {
            new Indices(client, json, new IndexProperties(Duration.ofMillis(250))).ensureCreated();
        }
        assertThat(refreshInterval(indices.current(SearchIndex.PROJECTS))).isEqualTo("250ms");
    }

    private String refreshInterval(String physical) throws IOException {
        return client.indices()
                .getSettings(s -> s.index(physical))
                .result()
                .get(physical)
                .settings()
                .index()
                .refreshInterval()
                .time();
    }
}
