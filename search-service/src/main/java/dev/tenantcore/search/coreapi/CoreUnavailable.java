package dev.tenantcore.search.coreapi;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.support.web.ApiException;

/** core-service did not answer in time or failed: search cannot know the caller's grants. */
public class CoreUnavailable extends ApiException {

    private CoreUnavailable() {
        super(ErrorCode.UNAVAILABLE, "Search is temporarily unavailable");
    }

    static CoreUnavailable of() {
        return new CoreUnavailable();
    }
}
