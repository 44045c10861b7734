package io.passportsuite.passport.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalBootstrapGuardTest {

    @Test
    void shouldRefuseToBootstrapADefaultKeyInProduction() {
        BootstrapProperties properties = new BootstrapProperties("psk_a_long_enough_key_0123");

        assertThatThrownBy(() -> new LocalBootstrap(null, new AppSettings("default", "Default app"), properties, "production"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("production");
    }

    @Test
    void shouldRefuseAShortBootstrapKey() {
        BootstrapProperties properties = new BootstrapProperties("short");

        assertThatThrownBy(() -> new LocalBootstrap(null, new AppSettings("default", "Default app"), properties, "development"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PASSPORT_BOOTSTRAP_API_KEY");
    }
}
