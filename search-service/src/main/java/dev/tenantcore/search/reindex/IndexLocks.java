package dev.tenantcore.search.reindex;

import dev.tenantcore.search.index.SearchIndex;
import dev.tenantcore.support.web.ApiException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** One rebuild or repair per index at a time (in this instance): a second one is refused with 409. */
@Component
class IndexLocks {

    private final Map<SearchIndex, ReentrantLock> locks = new EnumMap<>(SearchIndex.class);

    IndexLocks() {
        for (SearchIndex index : SearchIndex.values()) {
            locks.put(index, new ReentrantLock());
        }
    }

    <T> T exclusively(SearchIndex index, Supplier<T> work) {
        ReentrantLock lock = locks.get(index);
        if (!lock.tryLock()) {
            throw ApiException.conflict("A rebuild or check of " + index.alias() + " is running");
        }
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
