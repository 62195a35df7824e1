package dev.tenantcore.search.index;

import dev.tenantcore.search.opensearch.OpenSearchUnavailable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Index administration: creates each alias with its first generation when missing (idempotent, at start-up
 * and before the first write or search), creates later generations for a reindex and swaps aliases
 * atomically. Mappings and settings come from {@code search/<alias>.json}; the refresh interval comes from
 * {@link IndexProperties} and is applied to the current generation of every alias at start-up as well.
 */
@Component
public class Indices implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Indices.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final OpenSearchClient client;
    private final JsonMapper json;
    private final IndexProperties properties;
    private final Map<SearchIndex, String> extraWriteTargets = new ConcurrentHashMap<>();
    private volatile boolean ready;

    Indices(OpenSearchClient client, JsonMapper json, IndexProperties properties) {
        this.client = client;
        this.json = json;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            ensureCreated();
        } catch (OpenSearchUnavailable e) {
            // Writes and searches try again; the service starts without OpenSearch and reports it unready.
            log.warn("could not create search indices at start-up: {}", e.reason());
        }
    }

    /** Creates every missing alias together with its first generation. */
    public void ensureCreated() {
        if (ready) {
            return;
        }
        for (SearchIndex index : SearchIndex.values()) {
            if (!exists(index.alias())) {
                create(index, index.generation(1), true);
                log.info("created index {} behind alias {}", index.generation(1), index.alias());
            } else {
                refreshEvery(index.alias());
            }
        }
        ready = true;
    }

    /** The physical index the alias points to now. */
    public String current(SearchIndex index) {
        ensureCreated();
        try {
            Set<String> names = client.indices()
                    .getAlias(a -> a.name(index.alias()))
                    .result()
                    .keySet();
            return names.stream()
                    .max((a, b) -> Integer.compare(index.generationOf(a), index.generationOf(b)))
                    .orElseThrow(() -> new IllegalStateException("alias " + index.alias() + " has no index"));
        } catch (IOException | OpenSearchException e) {
            throw OpenSearchUnavailable.translate(e);
        }
    }

    /**
     * Creates the next generation without alias, tuned for bulk loading (no refresh until
     * {@link #finishLoading}). A leftover of an earlier, interrupted attempt is replaced.
     */
    public String createNextGeneration(SearchIndex index) {
        String next = index.generation(index.generationOf(current(index)) + 1);
        if (exists(next)) {
            delete(next);
        }
        create(index, next, false);
        send("PUT", "/" + next + "/_settings", "{\"index\":{\"refresh_interval\":\"-1\"}}");
        return next;
    }

    /** Restores the refresh interval and makes everything loaded visible. */
    public void finishLoading(String indexName) {
        refreshEvery(indexName);
        send("POST", "/" + indexName + "/_refresh", null);
    }

    /** Points the alias from one index to another in one request, so no search sees neither or both. */
    public void swap(SearchIndex index, String from, String to) {
        try {
            client.indices()
                    .updateAliases(u -> u.actions(
                                    a -> a.remove(r -> r.index(from).alias(index.alias())))
                            .actions(a -> a.add(r -> r.index(to).alias(index.alias()))));
        } catch (IOException | OpenSearchException e) {
            throw OpenSearchUnavailable.translate(e);
        }
    }

    public void delete(String indexName) {
        send("DELETE", "/" + indexName, null);
    }

    public void refresh(SearchIndex index) {
        send("POST", "/" + index.alias() + "/_refresh", null);
    }

    /** While a reindex loads {@code indexName}, every write to the alias goes there as well. */
    public void beginDualWrite(SearchIndex index, String indexName) {
        extraWriteTargets.put(index, indexName);
    }

    public void endDualWrite(SearchIndex index) {
        extraWriteTargets.remove(index);
    }

    Optional<String> dualWriteTarget(SearchIndex index) {
        return Optional.ofNullable(extraWriteTargets.get(index));
    }

    private boolean exists(String name) {
        try {
            return client.indices().exists(e -> e.index(name)).value();
        } catch (IOException | OpenSearchException e) {
            throw OpenSearchUnavailable.translate(e);
        }
    }

    /** Sets the configured refresh interval on an index (or the indices behind an alias). */
    private void refreshEvery(String target) {
        int status = send(
                "PUT",
                "/" + target + "/_settings",
                "{\"index\":{\"refresh_interval\":\"" + properties.refreshSetting() + "\"}}");
        if (status >= 300) {
            throw new IllegalStateException("could not set the refresh interval of " + target + ": HTTP " + status);
        }
    }

    @SuppressWarnings("unchecked")
    private void create(SearchIndex index, String name, boolean withAlias) {
        Map<String, Object> body = new LinkedHashMap<>(definition(index));
        var settings = new LinkedHashMap<String, Object>((Map<String, Object>) body.get("settings"));
        var indexSettings = new LinkedHashMap<String, Object>((Map<String, Object>) settings.get("index"));
        indexSettings.put("refresh_interval", properties.refreshSetting());
        settings.put("index", indexSettings);
        body.put("settings", settings);
        if (withAlias) {
            body.put("aliases", Map.of(index.alias(), Map.of()));
        }
        int status = send("PUT", "/" + name, json.writeValueAsString(body));
        if (status == 400 && exists(name)) {
            return; // another instance created it first
        }
        if (status >= 300) {
            throw new IllegalStateException("could not create index " + name + ": HTTP " + status);
        }
    }

    private Map<String, Object> definition(SearchIndex index) {
        try (InputStream in = getClass().getResourceAsStream("/search/" + index.alias() + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no definition for index " + index.alias());
            }
            return json.readValue(in, MAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int send(String method, String endpoint, @Nullable String body) {
        var request = Requests.builder().method(method).endpoint(endpoint);
        if (body != null) {
            request.json(body);
        }
        try (Response response = client.generic().execute(request.build())) {
            if (response.getStatus() >= 500 || response.getStatus() == 429) {
                throw OpenSearchUnavailable.of(new IOException(method + " " + endpoint + ": " + response.getStatus()));
            }
            return response.getStatus();
        } catch (IOException e) {
            throw OpenSearchUnavailable.of(e);
        }
    }
}
