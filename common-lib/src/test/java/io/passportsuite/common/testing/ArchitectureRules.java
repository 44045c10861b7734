package io.passportsuite.common.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering every service states in its architecture test: a service's surfaces (its
 * {@code api} packages and its controllers) sit on top of a core that knows nothing of them or of
 * HTTP, and its feature packages form no cycle. Each rule allows an empty match, so it holds for a
 * service that has no code yet and bites on the first class that breaks it.
 */
public final class ArchitectureRules {

    /** Types of HTTP and of the servlet API, reactive ones ({@code org.springframework.http.server.reactive}) included. */
    public static final String[] HTTP_PACKAGES = {"jakarta.servlet..", "org.springframework.http..", "org.springframework.web.."};

    private static final String CONTROLLER = "org.springframework.stereotype.Controller";

    /** Controllers, whatever package they are in ({@code @RestController} is a {@code @Controller}). */
    public static final DescribedPredicate<JavaClass> CONTROLLERS = DescribedPredicate.describe("are controllers",
            type -> type.isMetaAnnotatedWith(CONTROLLER));

    private ArchitectureRules() {
    }

    /** The production classes under {@code rootPackage}, tests left out. */
    public static JavaClasses productionClasses(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    /** The packages directly under {@code rootPackage}, with everything below each, depend on each other in no cycle. */
    public static ArchRule noPackageCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..")
                .should().beFreeOfCycles()
                .allowEmptyShould(true);
    }

    /** Nothing outside the surfaces depends on them: the core is usable without the API in front of it. */
    public static ArchRule coreDoesNotDependOnSurfaces(String rootPackage) {
        // The service's own api packages: libraries have theirs (io.opentelemetry.api) that the core may use.
        return noClasses().that().resideInAPackage(rootPackage + "..")
                .and().resideOutsideOfPackage(rootPackage + "..api..")
                .and().areNotMetaAnnotatedWith(CONTROLLER)
                .should().dependOnClassesThat().resideInAPackage(rootPackage + "..api..")
                .orShould().dependOnClassesThat(CONTROLLERS)
                .because("a service's surfaces are its outermost layer, which the core never reaches back into")
                .allowEmptyShould(true);
    }

    /** HTTP and servlet types are spoken by the surfaces ({@code api}, controllers) and the {@code web} plumbing only. */
    public static ArchRule noHttpInTheCore(String rootPackage) {
        return noClasses().that().resideInAPackage(rootPackage + "..")
                .and().resideOutsideOfPackages(rootPackage + "..api..", rootPackage + "..web..")
                .and().areNotMetaAnnotatedWith(CONTROLLER)
                .should().dependOnClassesThat().resideInAnyPackage(HTTP_PACKAGES)
                .because("the core decides, the surfaces translate HTTP to and from it")
                .allowEmptyShould(true);
    }
}
