package dev.tenantcore.support.web;

import dev.tenantcore.contracts.api.ErrorCode;

/** A request body beyond the configured limit. */
public final class PayloadTooLarge extends ApiException {

    private PayloadTooLarge(long limit) {
        super(ErrorCode.PAYLOAD_TOO_LARGE, "Request body exceeds " + limit + " bytes");
    }

    public static PayloadTooLarge of(long limit) {
        return new PayloadTooLarge(limit);
    }
}
