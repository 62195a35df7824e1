package dev.tenantcore.gateway.openapi;

import dev.tenantcore.gateway.DownstreamServices;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The public API as one OpenAPI document: each service's paths and components, merged. A service that is
 * down is left out (and named in {@code x-unavailable-services}) rather than failing the whole document; a
 * result with a service missing is not cached, so the next request tries again.
 */
@Component
public class ApiDocument {

    private static final Logger log = LoggerFactory.getLogger(ApiDocument.class);

    private final OpenApiProperties properties;
    private final DownstreamServices downstream;
    private final JsonMapper json;
    private final WebClient client;
    private volatile Merged cached = new Merged(JsonMapper.shared().createObjectNode(), Instant.EPOCH);

    ApiDocument(OpenApiProperties properties, DownstreamServices downstream, JsonMapper json) {
        this.properties = properties;
        this.downstream = downstream;
        this.json = json;
        var http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                properties.timeout().toMillis());
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024))
                .build();
    }

    /** The merged document. */
    public Mono<JsonNode> merged() {
        var current = cached;
        if (current.fetchedAt().plus(properties.cacheFor()).isAfter(Instant.now())) {
            return Mono.just(current.document());
        }
        return Flux.fromIterable(properties.services())
                .flatMapSequential(service -> fetch(service).map(document -> Map.entry(service, document)))
                .collectList()
                .map(this::merge);
    }

    private Mono<JsonNode> fetch(String service) {
        URI base = downstream.services().get(service);
        if (base == null) {
            return Mono.just(NullNode.getInstance());
        }
        return client.get()
                .uri(base.toString().replaceAll("/+$", "") + properties.path())
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(properties.timeout())
                .map(json::readTree)
                .onErrorResume(failure -> {
                    log.atWarn()
                            .addKeyValue("service", service)
                            .log("API document unavailable: {}", failure.toString());
                    return Mono.just(NullNode.getInstance());
                });
    }

    private JsonNode merge(List<Map.Entry<String, JsonNode>> documents) {
        var merged = json.createObjectNode();
        merged.put("openapi", "3.1.0");
        merged.putObject("info").put("title", properties.title()).put("version", properties.version());
        merged.putArray("servers").addObject().put("url", "/");
        var paths = merged.putObject("paths");
        var components = merged.putObject("components");
        var unavailable = new ArrayList<String>();
        for (var entry : documents) {
            var document = entry.getValue();
            if (!document.isObject()) {
                unavailable.add(entry.getKey());
                continue;
            }
            copyFields(document.path("paths"), paths, entry.getKey(), "path");
            document.path("components")
                    .properties()
                    .forEach(section -> copyFields(
                            section.getValue(),
                            components.withObjectProperty(section.getKey()),
                            entry.getKey(),
                            section.getKey()));
        }
        // The public document: /internal/** is never routed by the gateway, so it is not part of the API.
        var internal = new ArrayList<String>();
        paths.propertyNames().forEach(path -> {
            if (path.equals("/internal") || path.startsWith("/internal/")) {
                internal.add(path);
            }
        });
        internal.forEach(paths::remove);
        if (!unavailable.isEmpty()) {
            var names = merged.putArray("x-unavailable-services");
            unavailable.forEach(names::add);
        } else {
            cached = new Merged(merged, Instant.now());
        }
        return merged;
    }

    /** First one wins: services own disjoint paths, and shared schemas (the envelope) are the same everywhere. */
    private static void copyFields(JsonNode from, ObjectNode into, String service, String kind) {
        from.properties().forEach(field -> {
            if (into.has(field.getKey())) {
                log.atDebug().log("{} {} of {} already merged; keeping the first", kind, field.getKey(), service);
            } else {
                into.set(field.getKey(), field.getValue());
            }
        });
    }

    private record Merged(JsonNode document, Instant fetchedAt) {}
}
