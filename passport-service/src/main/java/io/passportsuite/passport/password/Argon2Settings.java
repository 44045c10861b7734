package io.passportsuite.passport.password;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How passwords are hashed. The defaults are the OWASP Password Storage Cheat Sheet's first
 * argon2id recommendation. Changing the cost is safe at any time: existing hashes keep verifying
 * and are replaced at their owner's next successful login.
 *
 * @param memoryKib memory per hash in KiB (19456 = 19 MiB)
 * @param iterations passes over that memory
 * @param parallelism lanes; BouncyCastle computes them one after the other on the calling thread
 * @param saltLength random salt per hash, in bytes
 * @param hashLength derived hash, in bytes
 * @param maxConcurrentHashes hashes computed at once, the rest wait; 0 = one per available
 *        processor, as far as half the heap holds them
 */
@ConfigurationProperties("passport.password.argon2")
public record Argon2Settings(
        @DefaultValue("19456") int memoryKib,
        @DefaultValue("2") int iterations,
        @DefaultValue("1") int parallelism,
        @DefaultValue("16") int saltLength,
        @DefaultValue("32") int hashLength,
        @DefaultValue("0") int maxConcurrentHashes) {

    static final int MIN_MEMORY_KIB = 8 * 1024;
    static final int MAX_MEMORY_KIB = 1024 * 1024;
    static final int MAX_ITERATIONS = 16;
    static final int MAX_PARALLELISM = 16;
    /**
     * memory × iterations of the weakest argon2id setting OWASP recommends (m=7168 KiB, t=5):
     * a lower product trades away the guessing cost that makes a stolen hash table useless.
     */
    static final long MIN_MEMORY_TIMES_ITERATIONS = 7168L * 5;
    static final int MAX_CONCURRENT_HASHES = 256;

    private static final String PREFIX = "passport.password.argon2.";

    public Argon2Settings {
        requireBetween("memory-kib", memoryKib, MIN_MEMORY_KIB, MAX_MEMORY_KIB, " (8 MiB to 1 GiB)");
        requireBetween("iterations", iterations, 1, MAX_ITERATIONS, "");
        requireBetween("parallelism", parallelism, 1, MAX_PARALLELISM, "");
        requireBetween("salt-length", saltLength, 16, 64, " bytes");
        requireBetween("hash-length", hashLength, 16, 64, " bytes");
        requireBetween("max-concurrent-hashes", maxConcurrentHashes, 0, MAX_CONCURRENT_HASHES,
                " (0 = one per available processor)");
        if ((long) memoryKib * iterations < MIN_MEMORY_TIMES_ITERATIONS) {
            throw new IllegalArgumentException(PREFIX + "memory-kib × iterations is " + (long) memoryKib * iterations
                    + ", below " + MIN_MEMORY_TIMES_ITERATIONS + ", the weakest argon2id cost OWASP recommends"
                    + " (e.g. m=19456,t=2 or m=12288,t=3 or m=9216,t=4)");
        }
    }

    Argon2Cost cost() {
        return new Argon2Cost(Argon2Cost.VERSION_13, memoryKib, iterations, parallelism);
    }

    /**
     * How many hashes may run at once. Each holds {@code memoryKib} of heap and saturates a core,
     * so more than one per core only adds memory and latency, and more than half the heap can
     * hold turns a burst of logins into an OutOfMemoryError.
     *
     * @throws IllegalStateException when an explicit {@code maxConcurrentHashes} does not fit
     */
    int concurrentHashes(int availableProcessors, long maxHeapBytes) {
        long hashBytes = memoryKib * 1024L;
        int heapAllows = (int) Math.min(MAX_CONCURRENT_HASHES, maxHeapBytes / 2 / hashBytes);
        if (maxConcurrentHashes == 0) {
            return Math.max(1, Math.min(availableProcessors, heapAllows));
        }
        if (maxConcurrentHashes > heapAllows) {
            throw new IllegalStateException(PREFIX + "max-concurrent-hashes=" + maxConcurrentHashes + " hashes of "
                    + memoryKib / 1024 + " MiB need " + maxConcurrentHashes * hashBytes / (1024 * 1024)
                    + " MiB, more than half the " + maxHeapBytes / (1024 * 1024) + " MiB heap; "
                    + (heapAllows > 0 ? "set it to at most " + heapAllows + " or " : "")
                    + "give the JVM more heap (-Xmx)");
        }
        return maxConcurrentHashes;
    }

    private static void requireBetween(String name, int value, int min, int max, String unit) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    PREFIX + name + " must be between " + min + " and " + max + unit + ", was " + value);
        }
    }
}
