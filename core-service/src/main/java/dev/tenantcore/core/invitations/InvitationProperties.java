package dev.tenantcore.core.invitations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Invitations.
 *
 * @param validity how long an invitation can be accepted after it was (re)sent
 */
@Validated
@ConfigurationProperties("tenantcore.core.invitations")
public record InvitationProperties(@DefaultValue("7d") Duration validity) {}
