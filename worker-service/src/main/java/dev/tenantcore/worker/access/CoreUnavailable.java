package dev.tenantcore.worker.access;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.support.web.ApiException;

/** core-service did not answer usefully; a request fails with {@code unavailable}, a job is retried. */
public class CoreUnavailable extends ApiException {

    private CoreUnavailable(String message) {
        super(ErrorCode.UNAVAILABLE, message);
    }

    public static CoreUnavailable of(String what) {
        return new CoreUnavailable("core-service is unavailable (" + what + ")");
    }
}
