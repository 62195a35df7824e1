package dev.tenantcore.support.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP limits of a service.
 *
 * @param maxBodySize the largest request body accepted; larger ones answer 413 {@code payload_too_large}
 */
@Validated
@ConfigurationProperties("tenantcore.web")
public record WebProperties(@DefaultValue("1MB") @NotNull DataSize maxBodySize) {}
