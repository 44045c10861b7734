package io.passportsuite.passport.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class Argon2SettingsTest {

    private static final long MIB = 1024 * 1024;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PasswordHasher.class);

    @Test
    void shouldDefaultToOwaspArgon2idParameters() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(Argon2Settings.class)).isEqualTo(new Argon2Settings(19456, 2, 1, 16, 32, 0));
            assertThat(started.getBean(PasswordHasher.class).hash("password")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        });
    }

    @Test
    void shouldHashWithTheConfiguredParameters() {
        context.withPropertyValues(
                        "passport.password.argon2.memory-kib=12288",
                        "passport.password.argon2.iterations=3",
                        "passport.password.argon2.hash-length=16")
                .run(started -> assertThat(started.getBean(PasswordHasher.class).hash("password"))
                        .matches("\\$argon2id\\$v=19\\$m=12288,t=3,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{22}"));
    }

    @Test
    void shouldRefuseToStartWithTooLittleMemoryPerHash() {
        context.withPropertyValues("passport.password.argon2.memory-kib=4096")
                .run(started -> {
                    assertThat(started).hasFailed();
                    assertThat(started.getStartupFailure()).rootCause()
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessage("passport.password.argon2.memory-kib must be between 8192 and 1048576"
                                    + " (8 MiB to 1 GiB), was 4096");
                });
    }

    @Test
    void shouldRefuseToStartWhenTheHashesCannotFitInTheHeap() {
        long heap = Runtime.getRuntime().maxMemory();
        int tooMany = (int) Math.min(Argon2Settings.MAX_CONCURRENT_HASHES, heap / (1024 * 1024 * 1024L) + 1);
        context.withPropertyValues(
                        "passport.password.argon2.memory-kib=1048576",
                        "passport.password.argon2.iterations=1",
                        "passport.password.argon2.max-concurrent-hashes=" + tooMany)
                .run(started -> {
                    assertThat(started).hasFailed();
                    assertThat(started.getStartupFailure()).rootCause()
                            .isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("passport.password.argon2.max-concurrent-hashes=" + tooMany);
                });
    }

    @ParameterizedTest(name = "m={0},t={1},p={2},salt={3},hash={4},concurrent={5}")
    @CsvSource({
            "4096,   4, 1, 16, 32, 0, memory-kib must be between 8192 and 1048576",
            "2097152, 2, 1, 16, 32, 0, memory-kib must be between 8192 and 1048576",
            "19456,  0, 1, 16, 32, 0, iterations must be between 1 and 16, was 0",
            "19456, 17, 1, 16, 32, 0, iterations must be between 1 and 16, was 17",
            "19456,  2, 0, 16, 32, 0, parallelism must be between 1 and 16, was 0",
            "19456,  2, 1,  8, 32, 0, salt-length must be between 16 and 64 bytes, was 8",
            "19456,  2, 1, 16,  8, 0, hash-length must be between 16 and 64 bytes, was 8",
            "19456,  2, 1, 16, 32, -1, max-concurrent-hashes must be between 0 and 256",
            "8192,   1, 1, 16, 32, 0, memory-kib × iterations is 8192, below 35840",
            "8192,   4, 1, 16, 32, 0, memory-kib × iterations is 32768, below 35840",
    })
    void shouldRejectUnsafeOrAbsurdSettings(int memoryKib, int iterations, int parallelism, int saltLength,
            int hashLength, int maxConcurrentHashes, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Argon2Settings(memoryKib, iterations, parallelism, saltLength, hashLength,
                        maxConcurrentHashes))
                .withMessageStartingWith("passport.password.argon2.")
                .withMessageContaining(message);
    }

    @ParameterizedTest(name = "m={0},t={1}")
    @CsvSource({"47104, 1", "19456, 2", "12288, 3", "9216, 4"})
    void shouldAcceptEveryOwaspArgon2idRecommendationFrom8MiB(int memoryKib, int iterations) {
        assertThat(new Argon2Settings(memoryKib, iterations, 1, 16, 32, 0).cost())
                .isEqualTo(new Argon2Cost(Argon2Cost.VERSION_13, memoryKib, iterations, 1));
    }

    @ParameterizedTest(name = "{0} processors, {1} MiB heap -> {2}")
    @CsvSource({
            "2,  160, 2",   // local run: two cores, 4 hashes of 19 MiB would fit in half the heap
            "1,  192, 1",   // Kubernetes: one CPU
            "64, 192, 5",   // many cores, small heap: what half the heap holds
            "8,   16, 1",   // a heap too small for even one: still one at a time
    })
    void shouldRunOneHashPerProcessorAsFarAsHalfTheHeapHoldsThem(int processors, long heapMib, int expected) {
        Argon2Settings automatic = new Argon2Settings(19456, 2, 1, 16, 32, 0);

        assertThat(automatic.concurrentHashes(processors, heapMib * MIB)).isEqualTo(expected);
    }

    @Test
    void shouldKeepAnExplicitLimitThatFitsAndRefuseOneThatDoesNot() {
        assertThat(new Argon2Settings(19456, 2, 1, 16, 32, 3).concurrentHashes(64, 192 * MIB)).isEqualTo(3);

        assertThatIllegalStateException()
                .isThrownBy(() -> new Argon2Settings(19456, 2, 1, 16, 32, 8).concurrentHashes(2, 192 * MIB))
                .withMessage("passport.password.argon2.max-concurrent-hashes=8 hashes of 19 MiB need 152 MiB,"
                        + " more than half the 192 MiB heap; set it to at most 5 or give the JVM more heap (-Xmx)");
    }
}
