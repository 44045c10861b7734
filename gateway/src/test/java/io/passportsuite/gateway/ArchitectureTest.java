package io.passportsuite.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import io.passportsuite.common.testing.ArchitectureRules;

/**
 * The gateway's whole job is HTTP, so HTTP types are everywhere but in the logic its filters
 * delegate to. Its features (security, ratelimit, routing, resilience, status, observability) are
 * filters side by side that share only {@code web} (client address, error answers); the one
 * crossing is security reading the request id observability assigned.
 */
class ArchitectureTest {

    private static final String ROOT = "io.passportsuite.gateway";

    private static final JavaClasses CLASSES = ArchitectureRules.productionClasses(ROOT);

    /** HTTP of any kind, Spring's or the gateway's own stack. */
    private static final String[] HTTP_PACKAGES = {
            "jakarta.servlet..", "org.springframework.http..", "org.springframework.web..",
            "org.springframework.cloud.gateway..", "reactor.netty..", "io.netty.handler.codec.http.."};

    @Test
    void shouldHaveNoPackageCycles() {
        ArchitectureRules.noPackageCycles(ROOT).check(CLASSES);
    }

    @Test
    void shouldKeepTheFeaturesIndependentOfEachOther() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("security").definedBy(ROOT + ".security..")
                .layer("ratelimit").definedBy(ROOT + ".ratelimit..")
                .layer("routing").definedBy(ROOT + ".routing..")
                .layer("resilience").definedBy(ROOT + ".resilience..")
                .layer("status").definedBy(ROOT + ".status..")
                .layer("observability").definedBy(ROOT + ".observability..")
                .layer("web").definedBy(ROOT + ".web..")
                .layer("apidocs").definedBy(ROOT + ".apidocs..")
                .whereLayer("security").mayNotBeAccessedByAnyLayer()
                .whereLayer("ratelimit").mayNotBeAccessedByAnyLayer()
                .whereLayer("routing").mayNotBeAccessedByAnyLayer()
                .whereLayer("resilience").mayNotBeAccessedByAnyLayer()
                .whereLayer("status").mayNotBeAccessedByAnyLayer()
                .whereLayer("apidocs").mayNotBeAccessedByAnyLayer()
                .whereLayer("observability").mayOnlyBeAccessedByLayers("security")
                .whereLayer("web").mayNotAccessAnyLayer()
                .because("each filter meets the others only through the exchange, so any one can be "
                        + "reordered, switched off or replaced without touching the rest")
                .check(CLASSES);
    }

    @Test
    void shouldKeepHttpOutOfTheLogicTheFiltersDelegateTo() {
        classes().that().haveNameMatching(ROOT.replace(".", "\\.") + "\\.("
                        + "ratelimit\\.(RateLimitStore|InMemoryRateLimitStore|RedisRateLimitStore|LoginAttemptKey)"
                        + "|security\\.(AccessTokenVerifier|JwksKeys|RevokedSessions|RevocationListener|RequestPaths)"
                        + "|web\\.Cidr"
                        + ")(\\$.*)?")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages(HTTP_PACKAGES)
                .because("counting attempts, deriving their keys, verifying tokens and judging paths are "
                        + "decisions on values; the filters translate the exchange into them")
                .check(CLASSES);
    }

    @Test
    void shouldWriteEveryErrorOfItsOwnThroughSurfaceErrors() {
        noClasses().that().resideInAPackage(ROOT + "..")
                .and().doNotHaveFullyQualifiedName(ROOT + ".web.SurfaceErrors")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.passportsuite.common.error.Envelope")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.passportsuite.common.error.PlainError")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.passportsuite.common.web.Surface")
                .because("a refusal of the gateway's takes the format common-lib's Surface declares for the path, "
                        + "decided in one place")
                .check(CLASSES);
    }
}
