package io.passportsuite.discovery;

import io.passportsuite.common.testing.ServiceArchitectureTest;

/**
 * The registry is Eureka's own server and holds no code of ours but its application class; any
 * that is added keeps the layering of every service, which these rules state (they allow an empty
 * match, so they bite on the first class that breaks them).
 */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("io.passportsuite.discovery");
    }
}
