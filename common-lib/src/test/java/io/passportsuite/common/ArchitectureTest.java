package io.passportsuite.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import io.passportsuite.common.testing.ArchitectureRules;

/** common-lib is what every service builds on, so it knows none of them. */
class ArchitectureTest {

    private static final String ROOT = "io.passportsuite.common";

    private static final JavaClasses CLASSES = ArchitectureRules.productionClasses(ROOT);

    @Test
    void shouldDependOnNoService() {
        noClasses().that().resideInAPackage(ROOT + "..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.passportsuite.passport..", "io.passportsuite.gateway..", "io.passportsuite.membership..",
                        "io.passportsuite.admin..", "io.passportsuite.notification..", "io.passportsuite.asset..",
                        "io.passportsuite.discovery..")
                .because("every service depends on common-lib, so common-lib depending on one would be a cycle")
                .check(CLASSES);
    }

    @Test
    void shouldHaveNoPackageCycles() {
        ArchitectureRules.noPackageCycles(ROOT).check(CLASSES);
    }
}
