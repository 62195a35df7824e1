package dev.tenantcore.contracts.jobs;

/** Job type names; each has its topic {@code jobs.<type>}. */
public final class JobTypes {

    public static final String EMAIL = "email";
    public static final String REPORT = "report";
    public static final String EXPORT = "export";

    private JobTypes() {}
}
