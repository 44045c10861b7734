package io.passportsuite.common.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Maven may run on an older JDK: the build selects a JDK 25 toolchain for compiling and testing
 * (maven-toolchains-plugin in pom.xml). Tests running on anything else would test a JVM the suite never runs on.
 */
class BuildJdkTest {

    @Test
    void shouldRunTestsOnTheJdkTheSuiteTargets() {
        assertThat(Runtime.version().feature())
                .as("tests run on java %s from %s", System.getProperty("java.version"), System.getProperty("java.home"))
                .isGreaterThanOrEqualTo(25);
    }
}
