package io.passportsuite.discovery;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import io.passportsuite.common.testing.ArchitectureRules;

/**
 * The registry is Eureka's own server and holds no code of ours but its application class; any
 * that is added keeps the layering of every service, which these rules state (they allow an empty
 * match, so they bite on the first class that breaks them).
 */
class ArchitectureTest {

    private static final String ROOT = "io.passportsuite.discovery";

    private static final JavaClasses CLASSES = ArchitectureRules.productionClasses(ROOT);

    @Test
    void shouldHaveNoPackageCycles() {
        ArchitectureRules.noPackageCycles(ROOT).check(CLASSES);
    }

    @Test
    void shouldKeepTheCoreIndependentOfItsSurfaces() {
        ArchitectureRules.coreDoesNotDependOnSurfaces(ROOT).check(CLASSES);
    }

    @Test
    void shouldKeepHttpOutOfTheCore() {
        ArchitectureRules.noHttpInTheCore(ROOT).check(CLASSES);
    }
}
