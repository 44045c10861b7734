package io.passportsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

import io.passportsuite.gateway.GatewayApplication;

/** Outside the local profile, the gateway does not start with a guessable internal credential. */
class InternalCredentialStartupTest {

    private static void start(String... args) {
        new SpringApplication(GatewayApplication.class).run(args);
    }

    @Test
    void shouldRefuseToStartWithTheLocalProfilesCredentialOutsideIt() {
        assertThatThrownBy(() -> start("--passport.gateway.security.internal-credential=local-internal-credential",
                "--server.port=0", "--eureka.client.enabled=false"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("passport.gateway.security.internal-credential (SUITE_INTERNAL_CREDENTIAL) is an example value");
    }

    @Test
    void shouldRefuseToStartWithAShortCredential() {
        assertThatThrownBy(() -> start("--passport.gateway.security.internal-credential=Zq4-tw0-short-R8x",
                "--server.port=0", "--eureka.client.enabled=false"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shorter than 32 characters");
    }
}
