package io.passportsuite.passport.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

import io.passportsuite.passport.PassportServiceApplication;

/** Outside the local profile, passport does not start with a guessable internal credential. */
class InternalCredentialStartupTest {

    private static void start(String credential) {
        SpringApplication application = new SpringApplication(PassportServiceApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run("--passport.internal.credential=" + credential, "--spring.profiles.active=default");
    }

    @Test
    void shouldRefuseToStartWithTheExampleCredential() {
        assertThatThrownBy(() -> start("change-me"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("passport.internal.credential (SUITE_INTERNAL_CREDENTIAL) is an example value");
    }

    @Test
    void shouldRefuseToStartWithAShortCredential() {
        assertThatThrownBy(() -> start("Zq4-tw0-short-R8x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shorter than 32 characters");
    }
}
