package dev.tenantcore.core.authorization;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.support.web.ApiException;
import java.util.UUID;

/** The org does not exist, is deleted, or the caller is not a member: all answer the same. */
public final class OrganizationNotFound extends ApiException {

    private OrganizationNotFound() {
        super(ErrorCode.NOT_FOUND, "Organization not found");
    }

    public static OrganizationNotFound of(UUID orgId) {
        return new OrganizationNotFound();
    }
}
