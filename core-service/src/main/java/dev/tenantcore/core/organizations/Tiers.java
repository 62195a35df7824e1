package dev.tenantcore.core.organizations;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of each subscription tier; exceeding one answers 403 {@code quota_exceeded}.
 *
 * @param free limits of the free tier
 * @param pro limits of the pro tier
 * @param enterprise limits of the enterprise tier
 */
@Validated
@ConfigurationProperties("tenantcore.core.tiers")
public record Tiers(
        @NotNull @Valid Limits free,
        @NotNull @Valid Limits pro,
        @NotNull @Valid Limits enterprise) {

    public Limits of(String tier) {
        return switch (tier) {
            case "pro" -> pro;
            case "enterprise" -> enterprise;
            default -> free;
        };
    }

    /**
     * @param projects the most projects an org may have
     * @param members the most members (plus pending invitations) an org may have
     */
    public record Limits(@Min(1) int projects, @Min(1) int members) {}
}
