package io.passportsuite.passport.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class HashingLimitsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PasswordHasher.class);

    @Test
    void shouldBindTheDefaultsAndConfiguredValues() {
        context.run(started -> assertThat(started.getBean(HashingLimits.class)).isEqualTo(HashingLimits.DEFAULTS));
        context.withPropertyValues("passport.password.hashing.max-waiting=3", "passport.password.hashing.max-wait=250ms")
                .run(started -> assertThat(started.getBean(HashingLimits.class))
                        .isEqualTo(new HashingLimits(3, Duration.ofMillis(250))));
    }

    @Test
    void shouldLetEightCallersWaitPerConcurrentHashByDefault() {
        assertThat(HashingLimits.DEFAULTS.waiting(2)).isEqualTo(16);
        assertThat(new HashingLimits(5, Duration.ofSeconds(1)).waiting(2)).isEqualTo(5);
    }

    @Test
    void shouldRejectLimitsOutOfRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HashingLimits(-1, Duration.ofSeconds(1)))
                .withMessageContaining("passport.password.hashing.max-waiting");
        assertThatIllegalArgumentException().isThrownBy(() -> new HashingLimits(0, Duration.ofMinutes(5)))
                .withMessageContaining("passport.password.hashing.max-wait");
        assertThatIllegalArgumentException().isThrownBy(() -> new HashingLimits(0, Duration.ofMillis(-1)))
                .withMessageContaining("passport.password.hashing.max-wait");
    }
}
