package dev.tenantcore.gateway.health;

import dev.tenantcore.gateway.DownstreamServices;
import dev.tenantcore.gateway.health.HealthReport.ServiceHealth;
import dev.tenantcore.gateway.health.HealthReport.Status;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/** Asks every downstream service for its readiness, all at once, and sums the answers up. */
@Component
public class DownstreamHealth {

    private static final Logger log = LoggerFactory.getLogger(DownstreamHealth.class);

    private final DownstreamServices downstream;
    private final HealthProperties properties;
    private final WebClient client;

    DownstreamHealth(DownstreamServices downstream, HealthProperties properties, JsonMapper json) {
        this.downstream = downstream;
        this.properties = properties;
        var http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                properties.timeout().toMillis());
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(json)))
                .build();
    }

    /** The aggregate; never fails, because an unreachable service is a DOWN entry, not an error. */
    public Mono<HealthReport> check() {
        return Flux.fromIterable(downstream.services().entrySet())
                .flatMap(service -> probe(service.getValue())
                        .map(status -> Map.entry(service.getKey(), new ServiceHealth(status, service.getValue()))))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(HealthReport::of);
    }

    private Mono<Status> probe(URI service) {
        var readiness = UriComponentsBuilder.fromUri(service)
                .path(properties.path())
                .build()
                .toUri();
        return client.get()
                .uri(readiness)
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.bodyToMono(Readiness.class)
                        : response.releaseBody().then(Mono.empty()))
                .map(answer -> "UP".equals(answer.status()) ? Status.UP : Status.DOWN)
                .defaultIfEmpty(Status.DOWN)
                .timeout(properties.timeout())
                .onErrorResume(failure -> {
                    log.atDebug().addKeyValue("url", readiness).log("Readiness probe failed: {}", failure.toString());
                    return Mono.just(Status.DOWN);
                });
    }

    /** The part of Boot's health response that matters here. */
    private record Readiness(@Nullable String status) {}
}
