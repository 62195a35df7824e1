package dev.tenantcore.search.reindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tenantcore.search.index.Documents;
import dev.tenantcore.search.index.Indices;
import dev.tenantcore.search.index.SearchDocument;
import dev.tenantcore.search.index.SearchIndex;
import dev.tenantcore.search.opensearch.OpenSearchUnavailable;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A bulk load that OpenSearch pushes back on waits and writes the page again instead of failing the reindex. */
class ReindexBackoffTest {

    private final Indices indices = mock(Indices.class);
    private final Documents documents = mock(Documents.class);
    private final CoreCatalog catalog = mock(CoreCatalog.class);
    private final Reindexer reindexer = new Reindexer(indices, documents, catalog, new IndexLocks());

    @Test
    @SuppressWarnings("unchecked")
    void aPageRefusedWithBackPressureIsWrittenAgainAndTheAliasMoves() {
        List<SearchDocument> page = List.of(mock(SearchDocument.class), mock(SearchDocument.class));
        when(indices.current(SearchIndex.PROJECTS)).thenReturn("projects_v1");
        when(indices.createNextGeneration(SearchIndex.PROJECTS)).thenReturn("projects_v2");
        doAnswer(call -> {
                    ((Consumer<List<SearchDocument>>) call.getArgument(1)).accept(page);
                    return null;
                })
                .when(catalog)
                .forEachPage(eq(SearchIndex.PROJECTS), any());
        var pushedBack = OpenSearchUnavailable.of(new IOException("429 circuit_breaking_exception"));
        when(documents.putAll("projects_v2", page))
                .thenThrow(pushedBack)
                .thenThrow(pushedBack)
                .thenReturn(2);

        var report = reindexer.reindex(SearchIndex.PROJECTS);

        assertThat(report.documents()).isEqualTo(2);
        verify(documents, times(3)).putAll("projects_v2", page);
        verify(indices).swap(SearchIndex.PROJECTS, "projects_v1", "projects_v2");
        verify(indices, never()).delete("projects_v2");
        verify(indices).delete("projects_v1");
    }
}
