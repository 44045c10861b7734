package io.passportsuite.common.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * The layering every service keeps, as tests: a service's {@code ArchitectureTest} extends this
 * with its root package and adds the rules of its own shape. See {@link ArchitectureRules}.
 */
public abstract class ServiceArchitecture {

    /** Importing a service's classes takes seconds: once per service, not once per test method. */
    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    private final String rootPackage;

    protected ServiceArchitecture(String rootPackage) {
        this.rootPackage = rootPackage;
    }

    protected final String rootPackage() {
        return rootPackage;
    }

    protected final JavaClasses importedClasses() {
        return IMPORTED.computeIfAbsent(rootPackage, ArchitectureRules::productionClasses);
    }

    @Test
    void shouldHaveNoPackageCycles() {
        ArchitectureRules.noPackageCycles(rootPackage).check(importedClasses());
    }

    @Test
    void shouldKeepTheCoreIndependentOfItsSurfaces() {
        ArchitectureRules.coreDoesNotDependOnSurfaces(rootPackage).check(importedClasses());
    }

    @Test
    void shouldKeepHttpOutOfTheCore() {
        ArchitectureRules.noHttpInTheCore(rootPackage).check(importedClasses());
    }
}
