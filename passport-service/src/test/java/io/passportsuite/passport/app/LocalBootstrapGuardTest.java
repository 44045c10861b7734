package io.passportsuite.passport.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalBootstrapGuardTest {

    @Test
    void shouldRefuseToBootstrapADefaultKeyInProduction() {
        BootstrapProperties properties = new BootstrapProperties("default", "Default app", "psk_a_long_enough_key_0123");

        assertThatThrownBy(() -> new LocalBootstrap(null, properties, "production"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("production");
    }

    @Test
    void shouldRefuseAShortBootstrapKey() {
        BootstrapProperties properties = new BootstrapProperties("default", "Default app", "short");

        assertThatThrownBy(() -> new LocalBootstrap(null, properties, "development"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PASSPORT_BOOTSTRAP_API_KEY");
    }
}
