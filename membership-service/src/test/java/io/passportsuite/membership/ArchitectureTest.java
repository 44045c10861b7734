package io.passportsuite.membership;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import io.passportsuite.common.testing.ArchitectureRules;
import io.passportsuite.common.testing.ServiceArchitecture;

/**
 * The layering every service keeps, and this service's own shape: the features (tier,
 * membership, invite, registration) know neither the surfaces nor the web plumbing that reads the
 * gateway's headers, and every controller sits in a surface package.
 */
class ArchitectureTest extends ServiceArchitecture {

    ArchitectureTest() {
        super("io.passportsuite.membership");
    }

    @Test
    void shouldKeepTheFeaturesFreeOfTheWebPlumbing() {
        noClasses().that().resideInAnyPackage("..membership.tier..", "..membership.membership..", "..membership.invite..",
                        "..membership.registration..")
                .should().dependOnClassesThat().resideInAnyPackage("io.passportsuite.membership.web..", "io.passportsuite.membership.api..")
                .because("the caller and the credential are the surfaces' concern; a use case is told who asks")
                .check(importedClasses());
    }

    @Test
    void shouldServeEveryEndpointFromASurfacePackage() {
        classes().that(ArchitectureRules.CONTROLLERS)
                .should().resideInAPackage("io.passportsuite.membership.api..")
                .check(importedClasses());
    }
}
