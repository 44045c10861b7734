package io.passportsuite.passport.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TokenConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(TokenConfiguration.class);

    @Test
    void shouldFailToStartWithoutAKeyEncryptionKeyNamingTheVariableToSet() {
        context.withPropertyValues("passport.tokens.key-encryption-key=").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PASSPORT_KEY_ENCRYPTION_KEY");
        });
    }

    @Test
    void shouldFailToStartWithAKeyEncryptionKeyOfTheWrongLength() {
        context.withPropertyValues("passport.tokens.key-encryption-key=c2l4dGVlbiBieXRlcyEhIQ==").run(started ->
                assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("PASSPORT_KEY_ENCRYPTION_KEY"));
    }

    @Test
    void shouldStartWithA32ByteKeyAndASystemClock() {
        context.withPropertyValues("passport.tokens.key-encryption-key=M7E/F0DNPzqQgo/voOM9dePtiOrPADJqSUM+x5W2BeA=")
                .run(started -> {
                    assertThat(started).hasNotFailed().hasSingleBean(PrivateKeyCipher.class);
                    assertThat(started.getBean(Clock.class)).isEqualTo(Clock.systemUTC());
                    assertThat(started.getBean(TokenProperties.class).toString()).doesNotContain("M7E/F0DN");
                });
    }

    @Test
    void shouldKeepAClockTheApplicationAlreadyHas() {
        Clock fixed = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        context.withPropertyValues("passport.tokens.key-encryption-key=M7E/F0DNPzqQgo/voOM9dePtiOrPADJqSUM+x5W2BeA=")
                .withBean("fixedClock", Clock.class, () -> fixed)
                .run(started -> assertThat(started).getBean(Clock.class).isSameAs(fixed));
    }
}
