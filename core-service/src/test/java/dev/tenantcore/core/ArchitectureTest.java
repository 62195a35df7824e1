package dev.tenantcore.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.tenantcore.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Services share contracts and support code only; another service is reached over HTTP or Kafka. */
    @ArchTest
    static final ArchRule doesNotReachIntoOtherServices = noClasses()
            .that()
            .resideInAPackage("dev.tenantcore.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.tenantcore.auth..",
                    "dev.tenantcore.search..",
                    "dev.tenantcore.worker..",
                    "dev.tenantcore.gateway..");

    /** A feature's controllers are its own; other features use its top-level facade. */
    @ArchTest
    static final ArchRule controllersAreNotUsedByOtherCode = noClasses()
            .that()
            .resideOutsideOfPackages("dev.tenantcore.core.*.web..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.tenantcore.core.*.web..");

    /** Tenant data is reached through Tenancy's transactions, never by setting the tenant by hand. */
    @ArchTest
    static final ArchRule onlyTenancySetsTheTenant = noClasses()
            .that()
            .resideOutsideOfPackage("dev.tenantcore.core.tenancy..")
            .should()
            .callMethod(
                    dev.tenantcore.support.tenancy.TenantContext.class,
                    "callAs",
                    dev.tenantcore.support.tenancy.TenantContext.Tenant.class,
                    java.util.function.Supplier.class);
}
