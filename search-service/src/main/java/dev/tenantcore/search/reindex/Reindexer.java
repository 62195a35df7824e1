package dev.tenantcore.search.reindex;

import dev.tenantcore.search.index.Documents;
import dev.tenantcore.search.index.Indices;
import dev.tenantcore.search.index.SearchIndex;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rebuilds an index without downtime: loads core's data into the next generation (while events are written
 * to both generations), then moves the alias in one atomic request and drops the old generation after a
 * short grace for searches already running on it. External versions make the double writes and the bulk
 * load commute: whichever arrives last, the newest version stays.
 */
@Component
public class Reindexer {

    private static final Logger log = LoggerFactory.getLogger(Reindexer.class);
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final Indices indices;
    private final Documents documents;
    private final CoreCatalog catalog;
    private final IndexLocks locks;

    Reindexer(Indices indices, Documents documents, CoreCatalog catalog, IndexLocks locks) {
        this.indices = indices;
        this.documents = documents;
        this.catalog = catalog;
        this.locks = locks;
    }

    public ReindexReport reindex(SearchIndex index) {
        return locks.exclusively(index, () -> rebuild(index));
    }

    private ReindexReport rebuild(SearchIndex index) {
        long started = System.nanoTime();
        String from = indices.current(index);
        String to = indices.createNextGeneration(index);
        AtomicLong loaded = new AtomicLong();
        indices.beginDualWrite(index, to);
        try {
            catalog.forEachPage(index, page -> {
                documents.putAll(to, page);
                loaded.addAndGet(page.size());
            });
            indices.finishLoading(to);
            indices.swap(index, from, to);
        } catch (RuntimeException e) {
            indices.endDualWrite(index);
            indices.delete(to);
            throw e;
        }
        indices.endDualWrite(index);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        pause(GRACE);
        indices.delete(from);
        long rate = millis == 0 ? loaded.get() : loaded.get() * 1000 / millis;
        log.info("reindexed {} from {} to {}: {} documents in {} ms", index.alias(), from, to, loaded.get(), millis);
        return new ReindexReport(index.alias(), from, to, loaded.get(), millis, rate);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
