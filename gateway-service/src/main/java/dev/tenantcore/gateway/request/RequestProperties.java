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
 */
@Validated
@ConfigurationProperties("tenantcore.gateway.request")
record RequestProperties(@DefaultValue("1MB") @NotNull DataSize maxBodySize) {

    RequestProperties {
        if (maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException("tenantcore.gateway.request.max-body-size must be positive");
        }
    }
}
