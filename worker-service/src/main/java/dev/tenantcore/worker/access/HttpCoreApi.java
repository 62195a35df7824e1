package dev.tenantcore.worker.access;

import dev.tenantcore.contracts.security.HeaderNames;
import dev.tenantcore.support.security.SecurityProperties;
import dev.tenantcore.worker.config.WorkerProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link CoreApi} over HTTP with the JDK client and the shared service credential. */
@Component
class HttpCoreApi implements CoreApi {

    private static final int PAGE_SIZE = 500;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final URI core;
    private final String internalToken;
    private final JsonMapper json;

    HttpCoreApi(WorkerProperties worker, SecurityProperties security, JsonMapper json) {
        this.core = worker.coreUrl();
        this.internalToken = security.internalToken();
        this.json = json;
    }

    @Override
    public boolean allows(UUID userId, UUID orgId, String action, String resource) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("orgId", orgId);
        body.put("action", action);
        body.put("resource", resource);
        body.put("attributes", Map.of());
        var request = request(uri("/internal/authz/check").build().toUri())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        return json.readTree(send(request, "authorization"))
                .path("data")
                .path("allowed")
                .asBoolean(false);
    }

    @Override
    public List<AuditEntry> auditLog(UUID orgId, Instant from, Instant to) {
        List<AuditEntry> entries = new ArrayList<>();
        for (int page = 1; ; page++) {
            URI uri = uri("/internal/orgs/{orgId}/audit-log")
                    .queryParam("from", from.toString())
                    .queryParam("to", to.toString())
                    .queryParam("page", page)
                    .queryParam("limit", PAGE_SIZE)
                    .buildAndExpand(orgId)
                    .encode()
                    .toUri();
            JsonNode body = json.readTree(send(request(uri).GET().build(), "audit log"));
            int before = entries.size();
            for (JsonNode item : body.path("data")) {
                entries.add(json.treeToValue(item, AuditEntry.class));
            }
            long total = body.path("meta").path("total").asLong(entries.size());
            if (entries.size() - before < PAGE_SIZE || entries.size() >= total) {
                return entries;
            }
        }
    }

    @Override
    public void export(UUID orgId, OutputStream out) {
        var uri = uri("/internal/orgs/{orgId}/export").buildAndExpand(orgId).toUri();
        try {
            HttpResponse<InputStream> response =
                    http.send(request(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                check(response.statusCode(), "export");
                body.transferTo(out);
            }
        } catch (IOException e) {
            throw CoreUnavailable.of("export");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CoreUnavailable.of("export");
        }
    }

    @Override
    public CacheWarmed warmCaches(int limit) {
        var uri = uri("/internal/cache/warm").queryParam("limit", limit).build().toUri();
        JsonNode data = json.readTree(send(
                        request(uri)
                                // Loading a hundred organizations takes longer than a lookup.
                                .timeout(Duration.ofMinutes(1))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        "cache warming"))
                .path("data");
        return new CacheWarmed(
                data.path("organizations").asLong(0), data.path("profiles").asLong(0));
    }

    private UriComponentsBuilder uri(String path) {
        return UriComponentsBuilder.fromUri(core).path(path);
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header(HeaderNames.INTERNAL_TOKEN, internalToken);
    }

    private byte[] send(HttpRequest request, String what) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            check(response.statusCode(), what);
            return response.body();
        } catch (IOException e) {
            throw CoreUnavailable.of(what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CoreUnavailable.of(what);
        }
    }

    private static void check(int status, String what) {
        if (status >= 500 || status == 429) {
            throw CoreUnavailable.of(what);
        }
        if (status >= 400) {
            throw CoreRefused.of(what, status);
        }
    }
}
