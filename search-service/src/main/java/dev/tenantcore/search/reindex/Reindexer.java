package dev.tenantcore.search.reindex;

import dev.tenantcore.search.index.Documents;
import dev.tenantcore.search.index.Indices;
import dev.tenantcore.search.index.SearchDocument;
import dev.tenantcore.search.index.SearchIndex;
import dev.tenantcore.search.opensearch.OpenSearchUnavailable;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.List;
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
    /** Attempts of one page's bulk write while OpenSearch pushes back (429) or is briefly unreachable. */
    static final int PAGE_ATTEMPTS = 7;

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

    private final Retry pageRetry = pageRetry();

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
                putWithBackoff(to, page);
                loaded.addAndGet(page.size());
            });
            indices.finishLoading(to);
            indices.swap(index, from, to);
        } catch (RuntimeException e) {
            indices.endDualWrite(index);
            log.warn(
                    "reindex of {} into {} failed after {} documents: {}",
                    index.alias(),
                    to,
                    loaded.get(),
                    e.toString());
            try {
                indices.delete(to);
            } catch (RuntimeException cleanup) {
                // The next reindex replaces the leftover generation (createNextGeneration).
                e.addSuppressed(cleanup);
            }
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

    /**
     * A bulk load writes as fast as OpenSearch takes it; when the node pushes back (429, a full queue or breaker)
     * the page waits and is written again (Resilience4j Retry: 250 ms doubling, 7 attempts, the last wait 8 s) instead
     * of failing the whole reindex.
     * Writing a page twice is harmless: external versions keep the newest.
     */
    private void putWithBackoff(String indexName, List<SearchDocument> page) {
        Retry.decorateRunnable(pageRetry, () -> documents.putAll(indexName, page))
                .run();
    }

    private static Retry pageRetry() {
        var retry = Retry.of(
                "reindex-page",
                RetryConfig.custom()
                        .maxAttempts(PAGE_ATTEMPTS)
                        .intervalFunction(IntervalFunction.ofExponentialBackoff(FIRST_BACKOFF, 2))
                        .retryExceptions(OpenSearchUnavailable.class)
                        .build());
        retry.getEventPublisher()
                .onRetry(event -> log.info(
                        "OpenSearch pushed back on a bulk page ({}); again in {} ms",
                        event.getLastThrowable() instanceof OpenSearchUnavailable e
                                ? e.reason()
                                : event.getLastThrowable(),
                        event.getWaitInterval().toMillis()));
        return retry;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
