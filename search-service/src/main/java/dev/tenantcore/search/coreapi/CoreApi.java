package dev.tenantcore.search.coreapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tenantcore.contracts.security.HeaderNames;
import dev.tenantcore.support.security.SecurityProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls core-service's internal endpoints with the service credential. Contracts:
 *
 * <ul>
 *   <li>{@code GET /internal/authz/grants?userId=&orgId=} → {@code {data: {member, orgWide[], teamIds[],
 *       projectIds[], ownProjects}}}
 *   <li>{@code GET /internal/{projects|teams|organizations}?after=&limit=} → {@code {data: [snapshot...]}}:
 *       live (not deleted) aggregates of every org as their event snapshots, ordered by id, those after the
 *       id {@code after}; an empty list ends the listing.
 * </ul>
 */
@Component
public class CoreApi {

    private static final Logger log = LoggerFactory.getLogger(CoreApi.class);

    private final HttpClient http;
    private final CoreApiProperties properties;
    private final String token;
    private final JsonMapper json;

    CoreApi(CoreApiProperties properties, SecurityProperties security, JsonMapper json) {
        this.properties = properties;
        this.token = security.internalToken();
        this.json = json;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.timeout())
                .build();
    }

    public Grants grants(UUID userId, UUID orgId) {
        GrantsBody body = get("/internal/authz/grants?userId=" + userId + "&orgId=" + orgId, GrantsBody.class)
                .data();
        if (body == null) {
            return Grants.NONE;
        }
        return new Grants(
                Boolean.TRUE.equals(body.member()),
                body.orgWide() == null ? List.of() : List.copyOf(body.orgWide()),
                body.teamIds() == null ? Set.of() : Set.copyOf(body.teamIds()),
                body.projectIds() == null ? Set.of() : Set.copyOf(body.projectIds()),
                Boolean.TRUE.equals(body.ownProjects()));
    }

    /** One page of a listing, e.g. {@code list("projects", ProjectSnapshot.class, after, 500)}. */
    public <T> List<T> list(String resource, Class<T> type, @Nullable UUID after, int limit) {
        String path = "/internal/" + resource + "?limit=" + limit + (after == null ? "" : "&after=" + after);
        JavaType listing = json.getTypeFactory()
                .constructParametricType(
                        Envelope.class, json.getTypeFactory().constructCollectionType(List.class, type));
        Envelope<List<T>> envelope = get(path, listing);
        return envelope.data() == null ? List.of() : envelope.data();
    }

    private <T> Envelope<T> get(String path, Class<T> type) {
        return get(path, json.getTypeFactory().constructParametricType(Envelope.class, type));
    }

    private <T> Envelope<T> get(String path, JavaType envelopeType) {
        var request = HttpRequest.newBuilder(URI.create(properties.url() + path))
                .timeout(properties.timeout())
                .header(HeaderNames.INTERNAL_TOKEN, token)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                log.warn("core answered {} to {}", response.statusCode(), path.substring(0, path.indexOf('?')));
                throw CoreUnavailable.of();
            }
            return json.readValue(response.body(), envelopeType);
        } catch (IOException | JacksonException e) {
            log.warn("core internal API failed: {}", e.toString());
            throw CoreUnavailable.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CoreUnavailable.of();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Envelope<T>(@Nullable T data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record GrantsBody(
            @Nullable Boolean member,
            @Nullable List<String> orgWide,
            @Nullable List<UUID> teamIds,
            @Nullable List<UUID> projectIds,
            @Nullable Boolean ownProjects) {}
}
