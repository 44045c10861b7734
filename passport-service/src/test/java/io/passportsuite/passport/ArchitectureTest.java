package io.passportsuite.passport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;


import io.passportsuite.common.testing.ArchitectureRules;
import io.passportsuite.common.testing.ServiceArchitecture;

/**
 * The shape of passport-service, stated so that it stays. The core (the features: {@code account},
 * {@code app}, {@code code}, {@code session}, {@code token}, {@code password}, {@code crypto},
 * {@code outcome}, {@code membership}, {@code github}) knows nothing of HTTP; the surfaces ({@code api.*}) bind requests to it and
 * map its outcomes to their formats; {@code web} is the HTTP plumbing the surfaces share.
 */
class ArchitectureTest extends ServiceArchitecture {

    private static final String ROOT = "io.passportsuite.passport";
    private static final String[] CORE = {ROOT + ".account..", ROOT + ".app..", ROOT + ".code..", ROOT + ".session..",
            ROOT + ".token..", ROOT + ".password..", ROOT + ".crypto..", ROOT + ".outcome..",
            ROOT + ".membership..", ROOT + ".github.."};
    private static final String[] HTTP = {"jakarta.servlet..", "org.springframework.web..", "org.springframework.http..",
            "org.apache.catalina..", "org.apache.tomcat.."};

    ArchitectureTest() {
        super(ROOT);
    }

    @Test
    void shouldKeepTheCoreIgnorantOfTheSurfaces() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".web..")
                .because("surfaces depend on the core, never the reverse")
                .check(importedClasses());
    }

    @Test
    void shouldKeepHttpTypesOutOfTheCore() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(HTTP)
                .because("a use case is called the same way from any surface, or from a Kafka listener")
                .check(importedClasses());
    }

    @Test
    void shouldServeHttpOnlyFromTheSurfaces() {
        classes().that().areAnnotatedWith(RestController.class)
                .should().resideInAPackage(ROOT + ".api..")
                .check(importedClasses());
        classes().that().areAnnotatedWith(RestControllerAdvice.class)
                .should().resideInAnyPackage(ROOT + ".api..", ROOT + ".web..")
                .check(importedClasses());
    }

    @Test
    void shouldKeepTheSharedPlumbingFreeOfAnySurface() {
        noClasses().that().resideInAPackage(ROOT + ".web..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".api..")
                .because("the plumbing finds each surface's responder by its interface, so surfaces stay independent")
                .check(importedClasses());
    }

    @Test
    void shouldKeepSurfacesIndependentOfEachOther() {
        slices().matching(ROOT + ".api.(*)..").should().notDependOnEachOther().check(importedClasses());
    }
}
