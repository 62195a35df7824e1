/**
 * Token-bucket rate limits in Redis, per route and per caller, sized by the organization's subscription
 * tier; stricter per-address limits on the credential endpoints. See {@code docs/gateway.md} for what
 * happens when Redis is down.
 */
@NullMarked
package dev.tenantcore.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
