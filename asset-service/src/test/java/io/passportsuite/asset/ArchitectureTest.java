package io.passportsuite.asset;

import io.passportsuite.common.testing.ServiceArchitecture;

/**
 * Little more than an application class today. The layering every service keeps (surfaces on top
 * of a core that knows neither them nor HTTP, no package cycles) is stated now, allowing an empty
 * match, so it holds as it is and bites on the first class that breaks it.
 */
class ArchitectureTest extends ServiceArchitecture {

    ArchitectureTest() {
        super("io.passportsuite.asset");
    }
}
