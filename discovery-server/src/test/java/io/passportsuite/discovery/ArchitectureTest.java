package io.passportsuite.discovery;

import io.passportsuite.common.testing.ServiceArchitecture;

/**
 * The registry is Eureka's own server and holds no code of ours but its application class; any
 * that is added keeps the layering of every service, which these rules state (they allow an empty
 * match, so they bite on the first class that breaks them).
 */
class ArchitectureTest extends ServiceArchitecture {

    ArchitectureTest() {
        super("io.passportsuite.discovery");
    }
}
