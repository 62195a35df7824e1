package dev.tenantcore.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The gateway talks to the services over HTTP only, and its features meet through their top packages. */
@AnalyzeClasses(packages = "dev.tenantcore.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule doesNotDependOnOtherServices = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.tenantcore.auth..",
                    "dev.tenantcore.core..",
                    "dev.tenantcore.search..",
                    "dev.tenantcore.worker..");

    @ArchTest
    static final ArchRule webAdaptersAreNotUsedByOtherCode = noClasses()
            .that()
            .resideOutsideOfPackage("..web..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.tenantcore.gateway..web..");
}
