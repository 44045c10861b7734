import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hash time and throughput of BouncyCastle's Argon2id in one JVM, at passport-service's default
 * cost (m=19456 KiB, t=2, p=1, 16-byte salt, 32-byte hash), computed the way PasswordHasher does.
 *
 * <pre>java -cp bcprov-jdk18on.jar bench/Argon2HashRate.java [--warmup=10] [--samples=15]
 *      [--threads=&lt;cores&gt;] [--hashes-per-thread=5] [--memory-kib=19456] [--iterations=2] [--parallelism=1]</pre>
 *
 * Prints one line of {@code key=value} pairs:
 * <ul>
 * <li>{@code first_ms}, {@code warmup_ms}: the first (cold) hash and the whole warm-up;
 * <li>{@code median_ms}, {@code min_ms}, {@code max_ms}: wall time of {@code samples}
 *     single-thread hashes after the warm-up, and {@code cpu_median_ms} their CPU time, which
 *     other processes on a shared machine do not inflate: it shows the quality of the JIT code;
 * <li>{@code throughput_hps}: hashes per second, wall clock, with {@code threads} threads each
 *     computing {@code hashes-per-thread} hashes at once, and {@code cpu_capacity_hps} the same
 *     from the threads' CPU time, i.e. what those threads would reach on otherwise idle cores.
 * </ul>
 */
public class Argon2HashRate {

    private static final byte[] PASSWORD = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    /** Folds every hash into something printed, so none of them can be optimised away. */
    private volatile int checksum;

    Argon2HashRate(int memoryKib, int iterations, int parallelism) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    record Throughput(double wallHashesPerSecond, double cpuHashesPerSecond) {
    }

    public static void main(String[] args) throws Exception {
        int warmup = option(args, "warmup", 10);
        int samples = option(args, "samples", 15);
        int threads = option(args, "threads", Runtime.getRuntime().availableProcessors());
        int hashesPerThread = option(args, "hashes-per-thread", 5);
        Argon2HashRate bench = new Argon2HashRate(
                option(args, "memory-kib", 19456), option(args, "iterations", 2), option(args, "parallelism", 1));

        long warmupStart = System.nanoTime();
        long firstStart = System.nanoTime();
        bench.hash();
        double firstMs = (System.nanoTime() - firstStart) / 1e6;
        for (int i = 1; i < warmup; i++) {
            bench.hash();
        }
        double warmupMs = (System.nanoTime() - warmupStart) / 1e6;

        double[] wallMs = new double[samples];
        double[] cpuMs = new double[samples];
        for (int i = 0; i < samples; i++) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            bench.hash();
            wallMs[i] = (System.nanoTime() - wall) / 1e6;
            cpuMs[i] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6;
        }
        Arrays.sort(wallMs);
        Arrays.sort(cpuMs);
        Throughput throughput = bench.throughput(threads, hashesPerThread);

        System.out.printf(Locale.ROOT,
                "first_ms=%.1f warmup_ms=%.1f median_ms=%.1f min_ms=%.1f max_ms=%.1f cpu_median_ms=%.1f"
                        + " threads=%d throughput_hps=%.1f cpu_capacity_hps=%.1f checksum=%08x%n",
                firstMs, warmupMs, median(wallMs), wallMs[0], wallMs[samples - 1], median(cpuMs),
                threads, throughput.wallHashesPerSecond(), throughput.cpuHashesPerSecond(), bench.checksum);
    }

    private void hash() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] out = new byte[32];
        generator.generateBytes(PASSWORD, out);
        checksum ^= Arrays.hashCode(out);
    }

    /** All threads start together; the wall clock stops when the last one is done. */
    private Throughput throughput(int threads, int hashesPerThread) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> cpuNanos = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                cpuNanos.add(pool.submit(() -> {
                    start.await();
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    for (int h = 0; h < hashesPerThread; h++) {
                        hash();
                    }
                    return THREADS.getCurrentThreadCpuTime() - cpu;
                }));
            }
            start.await();
            long begin = System.nanoTime();
            double cpuRate = 0;
            for (Future<Long> nanos : cpuNanos) {
                cpuRate += hashesPerThread / (nanos.get() / 1e9);
            }
            double wallRate = threads * hashesPerThread / ((System.nanoTime() - begin) / 1e9);
            return new Throughput(wallRate, cpuRate);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double median(double[] sorted) {
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static int option(String[] args, String name, int fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return Integer.parseInt(arg.substring(name.length() + 3));
            }
        }
        return fallback;
    }
}
