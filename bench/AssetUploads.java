import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Uploads to {@code POST /asset/v1/files/upload} as app backends send them: multipart/form-data,
 * field {@code file}, {@code Authorization: Bearer <api key>}, several apps' keys in turn.
 * The JPEGs are made here, each of its own content (photo-like: gradients with noise), so that
 * every upload is decoded, re-encoded and stored as a new object rather than found as a duplicate.
 *
 * <pre>java AssetUploads throughput URL KEYS SIZE_BYTES IMAGES CONNECTIONS WARMUP_S SECONDS ROUNDS
 * java AssetUploads burst URL KEYS SIZE_BYTES IMAGES CLIENTS WAVES METRICS_URL...</pre>
 *
 * {@code throughput}: closed loop, each connection uploads the next image as soon as its last
 * answer came; after the warm-up, ROUNDS measured rounds print uploads/s, MiB/s, p50 and p99.
 * {@code burst}: WAVES times, CLIENTS uploads start at once; while they run, each METRICS_URL
 * (a service's actuator base) is polled every 100 ms for its heap in use, and the largest value
 * is printed with the heap's maximum. KEYS is a comma-separated list.
 */
public class AssetUploads {

    private static final String BOUNDARY = "----asset-bench-7d1f0c";

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        URI url = URI.create(args[1]);
        String[] keys = args[2].split(",");
        long size = Long.parseLong(args[3]);
        int images = Integer.parseInt(args[4]);
        System.out.printf("making %d JPEGs of about %.2f MiB ...%n", images, size / 1048576.0);
        List<byte[]> bodies = new ArrayList<>();
        long totalBytes = 0;
        int side = sideFor(size);
        for (int i = 0; i < images; i++) {
            byte[] jpeg = jpeg(side, side * 3 / 4, i);
            totalBytes += jpeg.length;
            bodies.add(multipart(jpeg, i));
        }
        System.out.printf("  mean %.2f MiB a file%n", totalBytes / (double) images / 1048576.0);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        switch (mode) {
            case "throughput" -> throughput(http, url, keys, bodies, totalBytes / images, Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]), Integer.parseInt(args[7]), Integer.parseInt(args[8]));
            case "burst" -> burst(http, url, keys, bodies, Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                    Arrays.copyOfRange(args, 7, args.length));
            default -> throw new IllegalArgumentException("mode: throughput or burst");
        }
    }

    // --- Closed-loop throughput --------------------------------------------------------------

    private static void throughput(HttpClient http, URI url, String[] keys, List<byte[]> bodies, long meanFile,
            int connections, int warmup, int seconds, int rounds) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Recorder[] recorder = {new Recorder()};
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < connections; c++) {
                threads.submit(() -> {
                    while (!stop.get()) {
                        int i = next.getAndIncrement();
                        long start = System.nanoTime();
                        // Each app gets every image once before any repeats: APPS x IMAGES new contents.
                        int status = upload(http, url, keys[i % keys.length], bodies.get((i / keys.length) % bodies.size()));
                        long took = System.nanoTime() - start;
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                        recorder[0].add(status, took);
                    }
                    return null;
                });
            }
            Thread.sleep(warmup * 1000L);
            System.out.printf("warmed up %d s: %s%n", warmup, recorder[0].summary(warmup, meanFile));
            for (int r = 1; r <= rounds; r++) {
                recorder[0] = new Recorder();
                Thread.sleep(seconds * 1000L);
                Recorder done = recorder[0];
                System.out.printf("round %d: %s%n", r, done.summary(seconds, meanFile));
                System.out.printf("RESULT %s%n", done.result(seconds));
            }
            stop.set(true);
        }
        System.out.printf("answers: %s%n", new TreeMap<>(statuses));
    }

    // --- Bursts of large uploads, heap watched -----------------------------------------------

    private static void burst(HttpClient http, URI url, String[] keys, List<byte[]> bodies, int clients, int waves,
            String[] metrics) throws Exception {
        for (String base : metrics) {
            System.out.printf("%s: heap max %.0f MiB, in use before %.0f MiB%n", base, heap(http, base, "max") / 1048576,
                    heap(http, base, "used") / 1048576);
        }
        for (int wave = 1; wave <= waves; wave++) {
            Map<String, AtomicLong> peak = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread watcher = Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    for (String base : metrics) {
                        try {
                            long used = (long) heap(http, base, "used");
                            peak.computeIfAbsent(base, b -> new AtomicLong()).accumulateAndGet(used, Math::max);
                        } catch (Exception e) {
                            // A missed sample is not a result; the next one comes in 100 ms.
                        }
                    }
                    sleep(100);
                }
            });
            CountDownLatch ready = new CountDownLatch(clients);
            Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
            Map<Integer, LongAdder> finals = new ConcurrentHashMap<>();
            LongAdder retries = new LongAdder();
            List<Long> times = new ArrayList<>();
            long start = System.nanoTime();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < clients; c++) {
                    int i = c;
                    threads.submit(() -> {
                        ready.countDown();
                        ready.await();
                        long begin = System.nanoTime();
                        // As a well-behaved client does: a 503 is waited out for its Retry-After, twice at most.
                        long[] answer = uploadAnswer(http, url, keys[i % keys.length], bodies.get(i % bodies.size()));
                        statuses.computeIfAbsent((int) answer[0], s -> new LongAdder()).increment();
                        for (int retry = 0; retry < 2 && answer[0] == 503; retry++) {
                            retries.increment();
                            Thread.sleep(Duration.ofSeconds(Math.max(1, answer[1])));
                            answer = uploadAnswer(http, url, keys[i % keys.length], bodies.get(i % bodies.size()));
                        }
                        finals.computeIfAbsent((int) answer[0], s -> new LongAdder()).increment();
                        synchronized (times) {
                            times.add(System.nanoTime() - begin);
                        }
                        return null;
                    });
                }
            }
            long took = System.nanoTime() - start;
            running.set(false);
            watcher.join();
            times.sort(null);
            System.out.printf("wave %d: %d uploads of %.1f MiB at once, all done in %.1f s (slowest %.1f s, median %.1f s); "
                    + "first answers %s; %d retried after Retry-After; final answers %s%n",
                    wave, clients, bodies.get(0).length / 1048576.0, took / 1e9, times.getLast() / 1e9,
                    times.get(times.size() / 2) / 1e9, new TreeMap<>(statuses), retries.sum(), new TreeMap<>(finals));
            System.out.printf("RESULT-ANSWERS %d %d %d %d%n", wave, statuses.getOrDefault(201, new LongAdder()).sum(),
                    retries.sum(), finals.getOrDefault(201, new LongAdder()).sum());
            for (String base : metrics) {
                long max = peak.getOrDefault(base, new AtomicLong()).get();
                System.out.printf("  %s: old generation live after its last full collection %.0f MiB%n", base,
                        metric(http, base, "jvm.gc.live.data.size") / 1048576);
                System.out.printf("  %s: heap in use at most %.0f MiB of %.0f MiB%n", base, max / 1048576.0,
                        heap(http, base, "max") / 1048576);
                System.out.printf("RESULT %s %d %d%n", base, wave, max);
            }
        }
    }

    private static double heap(HttpClient http, String base, String which) throws IOException, InterruptedException {
        // jvm.memory.used / .max with area:heap: the sum over the heap's pools.
        return metric(http, base, "jvm.memory." + which + "?tag=area:heap");
    }

    private static double metric(HttpClient http, String base, String name) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics/" + name))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher value = Pattern.compile("\"value\"\\s*:\\s*([0-9.E+-]+)").matcher(answer.body());
        if (answer.statusCode() != 200 || !value.find()) {
            throw new IOException(base + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return Double.parseDouble(value.group(1));
    }

    // --- HTTP ----------------------------------------------------------------------------------

    private static int upload(HttpClient http, URI url, String key, byte[] body) {
        return (int) uploadAnswer(http, url, key, body)[0];
    }

    /** The answer's status and its Retry-After in seconds (0 when absent). */
    private static long[] uploadAnswer(HttpClient http, URI url, String key, byte[] body) {
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(180))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
            long retryAfter = answer.headers().firstValueAsLong("Retry-After").orElse(0);
            return new long[] {answer.statusCode(), retryAfter};
        } catch (IOException e) {
            return new long[] {-1, 0};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new long[] {-2, 0};
        }
    }

    private static byte[] multipart(byte[] jpeg, int i) {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo-" + i
                + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + jpeg.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(jpeg, 0, body, head.length, jpeg.length);
        System.arraycopy(tail, 0, body, head.length + jpeg.length, tail.length);
        return body;
    }

    // --- Images ----------------------------------------------------------------------------------

    /** The width (4:3) whose JPEG of this content comes within 5 % of {@code size}, by bisection on a sample. */
    static int sideFor(long size) {
        int low = 64;
        int high = 4096;
        int side = low;
        while (low <= high) {
            side = (low + high) >>> 1;
            long length = jpeg(side, side * 3 / 4, 0).length;
            if (Math.abs(length - size) <= size / 20) {
                return side;
            }
            if (length < size) {
                low = side + 1;
            } else {
                high = side - 1;
            }
        }
        return side;
    }

    private static byte[] jpeg(int width, int height, int seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int r0 = random.nextInt(256), g0 = random.nextInt(256), b0 = random.nextInt(256);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (r0 + x * 255 / width + random.nextInt(160)) & 0xff;
                int g = (g0 + y * 255 / height + random.nextInt(160)) & 0xff;
                int b = (b0 + (x + y) * 127 / (width + height) + random.nextInt(160)) & 0xff;
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.97f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Latencies of one round in a log-linear histogram (1 % resolution), with the answers' codes. */
    private static final class Recorder {
        private final long[] buckets = new long[4096];
        private final LongAdder created = new LongAdder();
        private final LongAdder other = new LongAdder();

        synchronized void add(int status, long nanos) {
            if (status == 201) {
                created.increment();
                buckets[bucket(nanos)]++;
            } else {
                other.increment();
            }
        }

        private static int bucket(long nanos) {
            double micros = Math.max(1, nanos / 1000.0);
            return (int) Math.min(4095, Math.log(micros) / Math.log(1.01));
        }

        synchronized double percentileMs(double p) {
            long total = Arrays.stream(buckets).sum();
            long rank = (long) Math.ceil(total * p);
            long seen = 0;
            for (int i = 0; i < buckets.length; i++) {
                seen += buckets[i];
                if (seen >= rank && total > 0) {
                    return Math.pow(1.01, i + 1) / 1000.0;
                }
            }
            return Double.NaN;
        }

        String summary(int seconds, long meanFile) {
            double rate = created.sum() / (double) seconds;
            return String.format("%.1f uploads/s (%.1f MiB/s), p50 %.0f ms, p99 %.0f ms, %d created, %d other answers",
                    rate, rate * meanFile / 1048576.0, percentileMs(0.50), percentileMs(0.99), created.sum(), other.sum());
        }

        String result(int seconds) {
            return String.format("%.2f %.1f %.1f %d", created.sum() / (double) seconds, percentileMs(0.50), percentileMs(0.99),
                    other.sum());
        }
    }
}
