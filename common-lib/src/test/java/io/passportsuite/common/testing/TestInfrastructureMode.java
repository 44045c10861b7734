package io.passportsuite.common.testing;

import org.testcontainers.DockerClientFactory;

/**
 * Docker containers when an engine is reachable, local servers otherwise. {@code TEST_INFRASTRUCTURE}
 * ({@code docker} or {@code local}) overrides the detection.
 */
final class TestInfrastructureMode {

    private static Boolean docker;

    private TestInfrastructureMode() {
    }

    static synchronized boolean useDocker() {
        if (docker == null) {
            String forced = System.getenv("TEST_INFRASTRUCTURE");
            if ("docker".equalsIgnoreCase(forced)) {
                docker = true;
            } else if ("local".equalsIgnoreCase(forced)) {
                docker = false;
            } else {
                docker = dockerReachable();
            }
        }
        return docker;
    }

    private static boolean dockerReachable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
