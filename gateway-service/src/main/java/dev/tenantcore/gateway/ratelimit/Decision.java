package dev.tenantcore.gateway.ratelimit;

/**
 * Whether a request may pass, and what its {@code RateLimit-*} headers say.
 *
 * @param allowed whether a token was spent on the request
 * @param limit the bucket's capacity
 * @param remaining tokens left for the caller
 * @param retryAfterMillis when a refused request may try again
 * @param resetMillis when the bucket is full again
 */
record Decision(boolean allowed, int limit, long remaining, long retryAfterMillis, long resetMillis) {}
