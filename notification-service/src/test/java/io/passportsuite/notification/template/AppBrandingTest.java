package io.passportsuite.notification.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class AppBrandingTest {

    private final AppBranding branding = new AppBranding("Passport Suite", "no-reply@suite.test",
            Map.of("notes", new AppBranding.App("Cloud Notes", "hello@notes.test")));

    @Test
    void shouldPreferTheConfiguredAppNameAndAddress() {
        assertThat(branding.senderFor("notes", "notes-app")).isEqualTo(new AppBranding.Sender("Cloud Notes", "hello@notes.test"));
    }

    @Test
    void shouldUseTheRequestedNameAndDefaultAddressForAnAppWithoutSettings() {
        assertThat(branding.senderFor("chat", "Chat")).isEqualTo(new AppBranding.Sender("Chat", "no-reply@suite.test"));
    }

    @Test
    void shouldFallBackToTheSuiteNameWhenNobodyNamesTheApp() {
        assertThat(branding.senderFor("chat", " ").name()).isEqualTo("Passport Suite");
    }
}
