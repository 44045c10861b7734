import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop, fixed-rate HTTP load (the model of wrk2): POST with a body, or GET with
 * {@code -Dmethod=GET} (the BODY argument is then ignored). Request i is due at
 * start + i / rate, whatever happened to the requests before it. A fixed set of connections, each
 * driven by its own virtual thread, takes the requests in order: a connection takes the next
 * request, waits for its due time, sends it and reads the answer. Latency is measured from the
 * DUE time, not from the actual send, so a stalled server (or a late generator) shows up in the
 * figures instead of being hidden: no coordinated omission. When every connection is busy, the
 * next request waits for one, and that wait is part of its latency.
 *
 * <p>Two transports, chosen with {@code -Dtransport}:
 * <ul>
 * <li>{@code httpclient} (default): one shared java.net.http.HttpClient, HTTP/1.1 with keep-alive,
 *     its blocking send called from the connection's thread;
 * <li>{@code socket}: one plain blocking socket per connection ({@code SocketHttp}) writing a
 *     pre-built HTTP/1.1 request and reading the answer.
 * </ul>
 * and two kinds of connection threads, {@code -Dthreads=virtual} (default) or {@code platform}.
 * The generator shares the 2 cores with the server it measures, so its own CPU use is printed:
 * on the 2-core bench machine, HttpClient on virtual threads cost 0.3 to 0.5 ms of CPU per
 * request, a plain socket on a platform thread under 0.1 ms.
 *
 * <p>{@code -Dtokens=FILE} (one token a line) spreads the load over many tokens instead of one
 * hot token, which a cache in front of the service would answer: request i has every
 * {@code {{token}}} of the body and the headers replaced by token i modulo their number.
 *
 * <pre>javac -d classes FixedRate.java SocketHttp.java ProcessCpu.java
 * java -Dconnections=64 -Dtransport=httpclient -Dthreads=virtual [-Dmethod=GET] [-Dtokens=FILE] -cp classes FixedRate URL RATE SECONDS WARMUP_SECONDS BODY [Header:Value ...]</pre>
 *
 * The warm-up runs at the same rate and is not recorded. Prints the achieved rate, error counts,
 * the generator's own CPU use and p50/p90/p99/p99.9/max of the recorded requests, then one
 * "RESULT ..." line. {@code -Dtimeline=FILE} also writes the measured latencies over time.
 */
public class FixedRate {

    static final int CONNECTIONS = Integer.getInteger("connections", 64);
    static final String TRANSPORT = System.getProperty("transport", "httpclient");
    static final String THREADS = System.getProperty("threads", "virtual");
    static final String METHOD = System.getProperty("method", "POST");
    static final String TOKENS = System.getProperty("tokens");
    static final String TOKEN_PLACEHOLDER = "{{token}}";
    /**
     * Where to write the measured phase's latencies over time: per 50 ms of due time, the requests
     * due, how many took over 5 ms and the slowest, with the wall clock, to find what a tail lines
     * up with (collections, periodic work on the server).
     */
    static final String TIMELINE = System.getProperty("timeline");
    /** A request sent more than this after its due time counts as "sent late". */
    static final long LATE_NANOS = 1_000_000;

    /** One connection: sends the request and returns the status code. */
    interface Connection {
        /** Sends the variant of the request for request number {@code i}. */
        int send(int i) throws Exception;

        void close();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: FixedRate URL RATE SECONDS WARMUP_SECONDS BODY [Header:Value ...]");
            System.exit(2);
        }
        URI uri = URI.create(args[0]);
        double rate = Double.parseDouble(args[1]);
        double seconds = Double.parseDouble(args[2]);
        double warmupSeconds = Double.parseDouble(args[3]);
        if (!METHOD.equals("POST") && !METHOD.equals("GET")) {
            throw new IllegalArgumentException("method must be POST or GET, was " + METHOD);
        }
        boolean post = METHOD.equals("POST");
        String body = post ? args[4] : "";
        List<String[]> headers = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            int colon = args[i].indexOf(':');
            headers.add(new String[] {args[i].substring(0, colon).trim(), args[i].substring(colon + 1).trim()});
        }
        List<String> tokens = TOKENS == null ? List.of("")
                : Files.readAllLines(Path.of(TOKENS)).stream().filter(line -> !line.isBlank()).toList();
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("no tokens in " + TOKENS);
        }
        int variants = tokens.size();

        try (ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Connection> connections = new ArrayList<>();
            HttpClient client = null;
            if (TRANSPORT.equals("httpclient")) {
                client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .executor(virtualThreads)
                        .build();
                List<HttpRequest> requests = new ArrayList<>();
                for (String token : tokens) {
                    HttpRequest.Builder template = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
                    if (post) {
                        template.header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.replace(TOKEN_PLACEHOLDER, token)));
                    } else {
                        template.GET();
                    }
                    headers.forEach(h -> template.header(h[0], h[1].replace(TOKEN_PLACEHOLDER, token)));
                    requests.add(template.build());
                }
                HttpClient shared = client;
                for (int c = 0; c < CONNECTIONS; c++) {
                    connections.add(new Connection() {
                        public int send(int i) throws Exception {
                            return shared.send(requests.get(i % variants), HttpResponse.BodyHandlers.discarding()).statusCode();
                        }

                        public void close() {
                        }
                    });
                }
            } else if (TRANSPORT.equals("socket")) {
                List<byte[]> requests = new ArrayList<>();
                for (String token : tokens) {
                    List<String[]> tokenHeaders = headers.stream()
                            .map(h -> new String[] {h[0], h[1].replace(TOKEN_PLACEHOLDER, token)}).toList();
                    requests.add(SocketHttp.request(METHOD, uri.getHost(), uri.getPort(), uri.getRawPath(), tokenHeaders,
                            post ? body.replace(TOKEN_PLACEHOLDER, token) : null));
                }
                for (int c = 0; c < CONNECTIONS; c++) {
                    SocketHttp http = new SocketHttp(uri.getHost(), uri.getPort());
                    connections.add(new Connection() {
                        public int send(int i) throws Exception {
                            return http.exchange(requests.get(i % variants), false).status();
                        }

                        public void close() {
                            http.close();
                        }
                    });
                }
            } else {
                throw new IllegalArgumentException("transport must be httpclient or socket, was " + TRANSPORT);
            }
            if (!THREADS.equals("virtual") && !THREADS.equals("platform")) {
                throw new IllegalArgumentException("threads must be virtual or platform, was " + THREADS);
            }
            System.out.printf("  transport %s, %d connections, each driven by a %s thread%s%n", TRANSPORT, CONNECTIONS, THREADS,
                    TOKENS == null ? "" : ", " + variants + " tokens in turn");
            try {
                if (warmupSeconds > 0) {
                    Phase warmup = new Phase(connections, rate, warmupSeconds);
                    warmup.run();
                    warmup.report("warm-up", false);
                }
                Phase measured = new Phase(connections, rate, seconds);
                measured.run();
                measured.report("measured", true);
                if (TIMELINE != null) {
                    measured.writeTimeline(Path.of(TIMELINE));
                }
            } finally {
                connections.forEach(Connection::close);
                if (client != null) {
                    client.close();
                }
            }
        }
    }

    static final class Phase {
        final List<Connection> connections;
        final double rate;
        final int count;
        final long[] latencyNanos;
        /** Due time to the actual send: the generator waking up late, or every connection busy. */
        final long[] sendDelayNanos;
        final AtomicInteger next = new AtomicInteger();
        final LongAdder ok = new LongAdder();
        final LongAdder non2xx = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder late = new LongAdder();
        long startNanos;
        long endNanos;
        long cpuNanos;

        Phase(List<Connection> connections, double rate, double seconds) {
            this.connections = connections;
            this.rate = rate;
            this.count = (int) Math.round(rate * seconds);
            this.latencyNanos = new long[count];
            this.sendDelayNanos = new long[count];
        }

        void run() {
            long cpuBefore = ProcessCpu.nanos();
            startNanos = System.nanoTime() + 20_000_000;
            // One virtual thread per connection; closing the executor waits for all of them.
            try (ExecutorService threads = THREADS.equals("platform")
                    ? Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory())
                    : Executors.newVirtualThreadPerTaskExecutor()) {
                for (Connection connection : connections) {
                    threads.execute(() -> drive(connection));
                }
            }
            endNanos = System.nanoTime();
            cpuNanos = ProcessCpu.nanos() - cpuBefore;
        }

        void drive(Connection connection) {
            double intervalNanos = 1e9 / rate;
            int i;
            while ((i = next.getAndIncrement()) < count) {
                long due = startNanos + (long) (i * intervalNanos);
                long now;
                // No spinning: the generator shares the cores with the server. Waking up late
                // only makes this request (and its latency, counted from the due time) later.
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                sendDelayNanos[i] = now - due;
                if (now - due > LATE_NANOS) {
                    late.increment();
                }
                try {
                    int status = connection.send(i);
                    if (status / 100 == 2) {
                        ok.increment();
                    } else {
                        non2xx.increment();
                    }
                } catch (Exception e) {
                    failed.increment();
                }
                latencyNanos[i] = System.nanoTime() - due;
            }
        }

        void writeTimeline(Path file) throws java.io.IOException {
            double intervalNanos = 1e9 / rate;
            long startMillis = System.currentTimeMillis() - (System.nanoTime() - startNanos) / 1_000_000;
            int bucketNanos = 50_000_000;
            int buckets = (int) ((count * intervalNanos) / bucketNanos) + 1;
            int[] due = new int[buckets];
            int[] slow = new int[buckets];
            long[] max = new long[buckets];
            for (int i = 0; i < count; i++) {
                int b = (int) ((i * intervalNanos) / bucketNanos);
                due[b]++;
                if (latencyNanos[i] > 5_000_000) {
                    slow[b]++;
                }
                max[b] = Math.max(max[b], latencyNanos[i]);
            }
            List<String> lines = new ArrayList<>();
            lines.add("wall_clock_ms\toffset_ms\tdue\tover_5ms\tmax_ms");
            for (int b = 0; b < buckets; b++) {
                lines.add(String.format("%d\t%d\t%d\t%d\t%.2f", startMillis + b * 50L, b * 50, due[b], slow[b], max[b] / 1e6));
            }
            Files.write(file, lines);
        }

        void report(String label, boolean result) {
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            long[] delays = sendDelayNanos.clone();
            Arrays.sort(delays);
            double elapsed = (endNanos - startNanos) / 1e9;
            double achieved = count / elapsed;
            double cpu = cpuNanos / 1e7 / elapsed;
            System.out.printf("  %-8s target %.0f req/s: %d requests in %.2f s = %.0f req/s; ok %d, non-2xx %d, errors %d;"
                    + " sent >1 ms late %d; generator cpu %.0f%% of one core%n",
                    label, rate, count, elapsed, achieved, ok.sum(), non2xx.sum(), failed.sum(), late.sum(), cpu);
            System.out.printf("  %-8s latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f"
                    + "  (of which the send started late by: p99 %.2f, max %.2f)%n",
                    label, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), pct(sorted, 99.9), sorted[sorted.length - 1] / 1e6,
                    pct(delays, 99), delays[delays.length - 1] / 1e6);
            if (result) {
                System.out.printf("RESULT transport=%s threads=%s target=%.0f achieved=%.1f generator_cpu_pct=%.0f ok=%d non2xx=%d errors=%d"
                        + " late=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f send_delay_p99_ms=%.2f%n",
                        TRANSPORT, THREADS, rate, achieved, cpu, ok.sum(), non2xx.sum(), failed.sum(), late.sum(), pct(sorted, 50),
                        pct(sorted, 90), pct(sorted, 99), pct(sorted, 99.9), sorted[sorted.length - 1] / 1e6, pct(delays, 99));
            }
        }
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
