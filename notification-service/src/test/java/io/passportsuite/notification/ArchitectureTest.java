package io.passportsuite.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

import io.passportsuite.common.testing.ArchitectureRules;
import io.passportsuite.common.testing.ServiceArchitecture;

/**
 * delivery takes requests off Kafka and drives them through template (what a message says) and
 * channel (how it leaves: SMTP, an SMS provider). Its surfaces are the Kafka listener and the
 * channels controller; they start use cases and own no logic of their own.
 */
class ArchitectureTest extends ServiceArchitecture {

    private static final String ROOT = "io.passportsuite.notification";

    ArchitectureTest() {
        super(ROOT);
    }

    private static final DescribedPredicate<JavaClass> KAFKA_LISTENERS = DescribedPredicate.describe("are Kafka listeners",
            type -> type.getMethods().stream().anyMatch(method -> method.isAnnotatedWith("org.springframework.kafka.annotation.KafkaListener")));

    private static final DescribedPredicate<JavaClass> NOT_KAFKA_LISTENERS = DescribedPredicate.describe("are not Kafka listeners",
            type -> !KAFKA_LISTENERS.test(type));

    private static final DescribedPredicate<JavaClass> SURFACES = DescribedPredicate.describe("are surfaces (Kafka listeners, controllers)",
            type -> KAFKA_LISTENERS.test(type) || ArchitectureRules.CONTROLLERS.test(type));

    @Test
    void shouldLetNothingCallTheListener() {
        noClasses().that(NOT_KAFKA_LISTENERS)
                .should().dependOnClassesThat(KAFKA_LISTENERS)
                .because("a request enters through the listener, which nothing calls")
                .check(importedClasses());
    }

    @Test
    void shouldLetOnlyDeliveryUseTemplatesAndChannels() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("delivery").definedBy(ROOT + ".delivery..")
                .layer("template").definedBy(ROOT + ".template..")
                .layer("channel").definedBy(ROOT + ".channel..")
                .whereLayer("delivery").mayNotBeAccessedByAnyLayer()
                .whereLayer("template").mayOnlyBeAccessedByLayers("delivery")
                .whereLayer("channel").mayOnlyBeAccessedByLayers("delivery")
                .because("a template renders from the request alone and a channel sends what it is handed; "
                        + "retries, dead letters and the delivery rows are delivery's")
                .check(importedClasses());
    }

    @Test
    void shouldLeaveConsumingKafkaToTheListener() {
        noClasses().that().resideInAPackage(ROOT + "..").and(NOT_KAFKA_LISTENERS)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.kafka..", "org.springframework.kafka.annotation..", "org.springframework.kafka.support..")
                .because("records and acknowledgments stay at the edge; the use cases take the event's text")
                .check(importedClasses());
    }

    @Test
    void shouldLetSurfacesStartUseCasesOnly() {
        noClasses().that(SURFACES)
                .should().dependOnClassesThat().resideInAPackage("org.springframework.jdbc..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".delivery.Deliveries")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".template.MessageTemplates")
                .because("the listener and the controller hand over to a use case, which owns the rows and the rendering")
                .check(importedClasses());
    }
}
