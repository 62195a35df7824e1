/**
 * Payloads of core-service's events, each carried as {@code IntegrationEvent<payload>} on the topic of its
 * aggregate ({@code core.organizations}, {@code core.memberships}, {@code core.teams}, {@code core.projects},
 * {@code core.roles}, {@code core.invitations}), keyed by org id. {@code metadata.type} names the payload
 * ({@link CoreEventTypes}). Snapshots carry a {@code version} that grows with every change of the aggregate,
 * so consumers can apply them with external versioning and drop stale ones.
 */
@NullMarked
package dev.tenantcore.contracts.events.core;

import org.jspecify.annotations.NullMarked;
