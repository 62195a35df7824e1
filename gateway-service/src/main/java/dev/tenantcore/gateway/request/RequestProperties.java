package dev.tenantcore.gateway.request;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what a client may send.
 *
 * @param maxBodySize the largest request body the gateway accepts and forwards; larger bodies are refused
 *     with 413 before a service sees them, declared ({@code Content-Length}) or streamed (chunked)
 * @param maxUriLength the longest request target (raw path and query) accepted; longer ones are refused with
 *     414 in the envelope. It must stay below {@code server.netty.max-initial-line-length} (64KB), beyond which
 *     Netty refuses the request before any filter runs, and below the services' header limit (16KB)
 */
@Validated
@ConfigurationProperties("tenantcore.gateway.request")
record RequestProperties(
        @DefaultValue("1MB") @NotNull DataSize maxBodySize,
        @DefaultValue("8KB") @NotNull DataSize maxUriLength) {

    RequestProperties {
        if (maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException("tenantcore.gateway.request.max-body-size must be positive");
        }
        if (maxUriLength.toBytes() <= 0) {
            throw new IllegalArgumentException("tenantcore.gateway.request.max-uri-length must be positive");
        }
    }
}
