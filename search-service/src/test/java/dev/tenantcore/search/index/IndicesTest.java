package dev.tenantcore.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.search.SearchServiceTest;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.springframework.beans.factory.annotation.Autowired;

@SearchServiceTest
class IndicesTest {

    @Autowired
    Indices indices;

    @Autowired
    OpenSearchClient client;

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
            assertThat(settings.settings().index().refreshInterval().time()).isEqualTo("1s");

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
}
