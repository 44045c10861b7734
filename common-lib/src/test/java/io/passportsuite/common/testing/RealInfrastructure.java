package io.passportsuite.common.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.annotation.DirtiesContext;

/**
 * On a Spring test class: gives its application context a fresh PostgreSQL database of its own
 * (a new one per test class, migrated by the service's Flyway on start-up) and the JVM's Kafka
 * broker, and switches off service discovery, which these tests do not run. The context is closed
 * after the class: no other class can reuse it, and closing it frees its database connections.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface RealInfrastructure {

    /** Whether the context needs a database. */
    boolean database() default true;

    /** Whether the context needs the Kafka broker. */
    boolean kafka() default true;

    /**
     * Whether the context ships its log lines to Kafka ({@code passport.logs.shipping.enabled}).
     * Off unless a test is about it: every context of a test JVM would otherwise ship every line
     * of that JVM.
     */
    boolean logShipping() default false;
}
