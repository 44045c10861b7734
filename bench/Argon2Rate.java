import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Raw argon2id hash rate with passport-service's parameters (m=19456 KiB, t=2, p=1, v=0x13,
 * 16-byte salt, 32-byte hash), computed as BouncyCastleArgon2id does: a new generator per hash,
 * all lanes on the calling thread, memory blocks from a pool a previous hash filled: one
 * unsynchronized pool per hash running at once, handed between threads through a queue, blocks
 * zeroed on return (as Argon2BlockPool does).
 * Run it with the service's JVM flags. The GC pause time of each window is printed.
 *
 * <p>{@code -Dpool=none} allocates every hash's 19 MiB of blocks afresh instead, as the service
 * did before the pool, so the collector's share can be compared.
 *
 * <p>{@code -Dimpl=libargon2} hashes through libargon2.so.1 (package libargon2-1), the reference C
 * implementation, through the foreign function API instead: the comparison in bench/README.md
 * ("Native token signing"), which passport does not use. Run it with
 * {@code --enable-native-access=ALL-UNNAMED}.
 *
 * <pre>java -XX:-TieredCompilation -cp bcprov-jdk18on-1.86.jar Argon2Rate.java [threads] [warmupSeconds] [seconds] [repetitions]</pre>
 *
 * Prints one line per repetition and a final "RESULT hashes_per_s=<median>" line.
 */
public class Argon2Rate {

    static final int MEMORY_KIB = 19456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    static final int SALT_LENGTH = 16;
    static final int HASH_LENGTH = 32;
    static final String POOL = System.getProperty("pool", "per-hash");
    static final String IMPL = System.getProperty("impl", "bouncycastle");
    static final MethodHandle HASH_RAW = switch (IMPL) {
        case "libargon2" -> libargon2();
        case "bouncycastle" -> null;
        default -> throw new IllegalArgumentException("impl must be bouncycastle or libargon2");
    };
    static final java.util.concurrent.ConcurrentLinkedQueue<ZeroingBlockPool> idlePools =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        double warmupSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        int repetitions = args.length > 3 ? Integer.parseInt(args[3]) : 3;

        System.out.printf("argon2id m=%d KiB t=%d p=%d, %d threads, warm-up %.0f s, %d x %.0f s%s%n",
                MEMORY_KIB, ITERATIONS, PARALLELISM, threads, warmupSeconds, repetitions, seconds,
                HASH_RAW != null ? ", libargon2.so.1" : switch (POOL) {
                    case "per-hash" -> ", one block pool per running hash (as the service)";
                    case "none" -> ", fresh blocks for every hash";
                    default -> throw new IllegalArgumentException("pool must be per-hash or none");
                });
        run(threads, warmupSeconds, "warm-up");
        double[] rates = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            rates[r] = run(threads, seconds, "run " + (r + 1));
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        if (sorted.length % 2 == 0) {
            median = (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
        System.out.printf("RESULT hashes_per_s=%.2f ms_per_hash_per_thread=%.1f%n", median, 1000.0 * threads / median);
    }

    /** Every thread hashes back to back for the given time; returns completed hashes per second. */
    static double run(int threads, double seconds, String label) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder hashes = new LongAdder();
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        List<Thread> workers = new ArrayList<>();
        long[] endNanos = new long[threads];
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread worker = Thread.ofPlatform().name("argon2-" + t).start(() -> {
                SecureRandom random = new SecureRandom();
                byte[] password = "password123".getBytes();
                byte[] salt = new byte[SALT_LENGTH];
                byte[] hash = new byte[HASH_LENGTH];
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                while (!stop.get()) {
                    random.nextBytes(salt);
                    derive(password, salt, hash);
                    hashes.increment();
                }
                endNanos[index] = System.nanoTime();
            });
            workers.add(worker);
        }
        start.await();
        long gcBefore = gcMillis();
        long cpuBefore = ProcessCpu.nanos();
        long begin = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long counted = hashes.sum();
        long end = System.nanoTime();
        long gc = gcMillis() - gcBefore;
        double cpuPercent = (ProcessCpu.nanos() - cpuBefore) * 100.0 / (end - begin);
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        // Hashes that completed up to the stop signal, over the time up to that signal.
        double rate = counted / ((end - begin) / 1e9);
        System.out.printf("  %-8s %6d hashes in %.1f s: %.2f hashes/s (%.1f ms per hash per thread); GC pauses %d ms (%.0f%%);"
                + " process cpu %.0f%% of one core%n",
                label, counted, (end - begin) / 1e9, rate, 1000.0 * threads / rate, gc, gc / ((end - begin) / 1e8), cpuPercent);
        return rate;
    }

    /** Time spent in collections so far; with SerialGC all of it is stop-the-world pauses. */
    static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    static void derive(byte[] password, byte[] salt, byte[] hash) {
        if (HASH_RAW != null) {
            deriveNatively(password, salt, hash);
            return;
        }
        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(MEMORY_KIB)
                .withIterations(ITERATIONS)
                .withParallelism(PARALLELISM)
                .withSalt(salt);
        if (POOL.equals("none")) {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(builder.build());
            generator.generateBytes(password, hash);
            return;
        }
        ZeroingBlockPool blocks = idlePools.poll();
        if (blocks == null) {
            blocks = new ZeroingBlockPool(MEMORY_KIB);
        }
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(builder.withBlockPool(blocks).build());
            generator.generateBytes(password, hash);
        } finally {
            idlePools.offer(blocks);
        }
    }

    /** int argon2id_hash_raw(t_cost, m_cost, parallelism, pwd, pwdlen, salt, saltlen, hash, hashlen) */
    static MethodHandle libargon2() {
        SymbolLookup library = SymbolLookup.libraryLookup("libargon2.so.1", Arena.global());
        return Linker.nativeLinker().downcallHandle(library.find("argon2id_hash_raw").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
    }

    /** Copies outside the heap; the password's is wiped before it is freed. */
    static void deriveNatively(byte[] password, byte[] salt, byte[] hash) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(JAVA_BYTE, password);
            MemorySegment s = arena.allocateFrom(JAVA_BYTE, salt);
            MemorySegment out = arena.allocate(hash.length);
            int result = (int) HASH_RAW.invokeExact(ITERATIONS, MEMORY_KIB, PARALLELISM, p, (long) password.length, s,
                    (long) salt.length, out, (long) hash.length);
            if (result != 0) {
                throw new IllegalStateException("libargon2 error " + result);
            }
            MemorySegment.copy(out, JAVA_BYTE, 0, hash, 0, hash.length);
            p.fill((byte) 0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The service's Argon2BlockPool: one hash at a time, up to a capacity of blocks, zeroed on return. */
    static final class ZeroingBlockPool implements Argon2BytesGenerator.BlockPool {
        private final int capacity;
        private final java.util.ArrayDeque<Argon2BytesGenerator.Block> free;

        ZeroingBlockPool(int capacity) {
            this.capacity = capacity;
            this.free = new java.util.ArrayDeque<>(capacity);
        }

        @Override
        public Argon2BytesGenerator.Block allocate() {
            Argon2BytesGenerator.Block block = free.pollFirst();
            return block != null ? block : new Argon2BytesGenerator.Block();
        }

        @Override
        public void deallocate(Argon2BytesGenerator.Block block) {
            block.clear();
            if (free.size() < capacity) {
                free.addLast(block);
            }
        }
    }
}
