import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop load on the chat surface's POST /api/auth/refresh. Refresh tokens rotate, so each
 * of the K clients owns one token chain: it registers its own account (POST /api/auth/register),
 * then sends the refresh token from its previous answer, back to back. A chain that gets a
 * non-200 answer stops (its token is no longer known to be good) and is counted as broken.
 * The refreshes go over one plain keep-alive socket per chain ({@code SocketHttp}), driven by a platform thread: the
 * generator shares the two cores with the service, and java.net.http took about half a core at
 * these rates where the sockets take a fraction of that (the generator's CPU is printed).
 *
 * <pre>javac -d classes RefreshChains.java SocketHttp.java ProcessCpu.java
 * java -cp classes RefreshChains BASE_URL K WARMUP_SECONDS SECONDS REPETITIONS</pre>
 *
 * Prints one line per repetition and a final "RESULT ..." line with the median rate.
 */
public class RefreshChains {

    static final Pattern REFRESH_TOKEN = Pattern.compile("\"refreshToken\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int chains = Integer.parseInt(args[1]);
        double warmupSeconds = Double.parseDouble(args[2]);
        double seconds = Double.parseDouble(args[3]);
        int repetitions = Integer.parseInt(args[4]);
        String run = Long.toString(System.currentTimeMillis(), 36);

        try (ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
                HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .executor(virtualThreads)
                        .build()) {
            // One account and one session per chain; registration hashes a password, so it is slow.
            String[] tokens = new String[chains];
            List<Future<?>> registrations = new ArrayList<>();
            long registerStart = System.nanoTime();
            for (int c = 0; c < chains; c++) {
                int chain = c;
                registrations.add(virtualThreads.submit(() -> {
                    String body = "{\"email\":\"chain" + chain + "-" + run + "@example.com\",\"password\":\"password123\"}";
                    HttpResponse<String> response = post(client, base + "/api/auth/register", body);
                    if (response.statusCode() != 201) {
                        throw new IllegalStateException("register answered " + response.statusCode() + ": " + response.body());
                    }
                    tokens[chain] = refreshTokenOf(response.body());
                    return null;
                }));
            }
            for (Future<?> registration : registrations) {
                registration.get();
            }
            System.out.printf("  registered %d accounts in %.1f s%n", chains, (System.nanoTime() - registerStart) / 1e9);

            URI uri = URI.create(base);
            SocketHttp[] connections = new SocketHttp[chains];
            for (int c = 0; c < chains; c++) {
                connections[c] = new SocketHttp(uri.getHost(), uri.getPort());
            }
            ExecutorService platformThreads = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory());
            Window warmup = new Window(connections, uri, tokens, warmupSeconds, platformThreads);
            warmup.report("warm-up");
            double[] rates = new double[repetitions];
            List<long[]> allLatencies = new ArrayList<>();
            int broken = warmup.broken.get();
            for (int r = 0; r < repetitions; r++) {
                Window window = new Window(connections, uri, tokens, seconds, platformThreads);
                rates[r] = window.report("run " + (r + 1));
                allLatencies.add(window.latencies());
                broken += window.broken.get();
            }
            double[] sorted = rates.clone();
            Arrays.sort(sorted);
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            platformThreads.close();
            for (SocketHttp connection : connections) {
                connection.close();
            }
            long[] latencies = allLatencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf("RESULT chains=%d median_rps=%.1f min_rps=%.1f max_rps=%.1f p50_ms=%.2f p99_ms=%.2f broken_chains=%d%n",
                    chains, median, sorted[0], sorted[sorted.length - 1], pct(latencies, 50), pct(latencies, 99), broken);
        }
    }

    /** All chains refresh back to back for the given time. */
    static final class Window {
        final AtomicInteger broken = new AtomicInteger();
        final List<long[]> perChain = new ArrayList<>();
        final int[] counts;
        final double elapsed;

        final double cpuPercent;

        Window(SocketHttp[] connections, URI uri, String[] tokens, double seconds, ExecutorService threads) throws Exception {
            AtomicBoolean stop = new AtomicBoolean();
            counts = new int[tokens.length];
            List<Future<long[]>> futures = new ArrayList<>();
            long start = System.nanoTime();
            long cpuBefore = ProcessCpu.nanos();
            for (int c = 0; c < tokens.length; c++) {
                int chain = c;
                futures.add(threads.submit(() -> {
                    long[] latency = new long[1024];
                    int n = 0;
                    while (!stop.get() && tokens[chain] != null) {
                        long sent = System.nanoTime();
                        SocketHttp.Response response = connections[chain].exchange(SocketHttp.request("POST", uri.getHost(), uri.getPort(),
                                "/api/auth/refresh", List.of(), "{\"refreshToken\":\"" + tokens[chain] + "\"}"), true);
                        long done = System.nanoTime();
                        if (response.status() != 200) {
                            System.out.printf("  chain %d broken: %d %s%n", chain, response.status(), response.body());
                            tokens[chain] = null;
                            broken.incrementAndGet();
                            break;
                        }
                        tokens[chain] = refreshTokenOf(response.body());
                        if (!stop.get()) {
                            if (n == latency.length) {
                                latency = Arrays.copyOf(latency, n * 2);
                            }
                            latency[n++] = done - sent;
                        }
                    }
                    counts[chain] = n;
                    return Arrays.copyOf(latency, n);
                }));
            }
            Thread.sleep((long) (seconds * 1000));
            stop.set(true);
            elapsed = (System.nanoTime() - start) / 1e9;
            // Requests still in flight at the stop are not counted, nor is their time.
            cpuPercent = (ProcessCpu.nanos() - cpuBefore) / 1e7 / elapsed;
            for (Future<long[]> future : futures) {
                perChain.add(future.get());
            }
        }

        long[] latencies() {
            return perChain.stream().flatMapToLong(Arrays::stream).toArray();
        }

        double report(String label) {
            long[] sorted = Arrays.stream(latencies()).sorted().toArray();
            double rate = sorted.length / elapsed;
            int min = Arrays.stream(counts).min().orElse(0);
            int max = Arrays.stream(counts).max().orElse(0);
            System.out.printf("  %-8s %6d refreshes in %.1f s: %.1f req/s; p50 %.2f ms, p99 %.2f ms; per chain %d..%d;"
                    + " generator cpu %.0f%% of one core%n",
                    label, sorted.length, elapsed, rate, pct(sorted, 50), pct(sorted, 99), min, max, cpuPercent);
            return rate;
        }
    }

    static HttpResponse<String> post(HttpClient client, String url, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String refreshTokenOf(String json) {
        Matcher matcher = REFRESH_TOKEN.matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no refreshToken in " + json);
        }
        return matcher.group(1);
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
