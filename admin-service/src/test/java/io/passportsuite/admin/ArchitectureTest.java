package io.passportsuite.admin;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import io.passportsuite.common.testing.ArchitectureRules;

/**
 * Little more than an application class today. The layering every service keeps (surfaces on top
 * of a core that knows neither them nor HTTP, no package cycles) is stated now, allowing an empty
 * match, so it holds as it is and bites on the first class that breaks it.
 */
class ArchitectureTest {

    private static final String ROOT = "io.passportsuite.admin";

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
