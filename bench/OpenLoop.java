import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends requests at a fixed rate whatever the answers do (open loop) and prints latency
 * percentiles. Latency runs from when a request was due, not when it was sent, so a stall
 * counts against every request it delays (no coordinated omission).
 * Usage: {@code java bench/OpenLoop.java <url> <requests-per-second> <seconds> [header:value ...]}
 * Prints: {@code rate=R sent=N errors=E p50_ms=.. p90_ms=.. p99_ms=.. max_ms=..}
 */
public class OpenLoop {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        for (int i = 3; i < args.length; i++) {
            String[] header = args[i].split(":", 2);
            builder.header(header[0].strip(), header[1].strip());
        }
        HttpRequest request = builder.build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        // Warm-up: connections, JIT on both sides.
        for (int i = 0; i < 2000; i++) {
            client.send(request, HttpResponse.BodyHandlers.discarding());
        }

        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                latencies[index] = System.nanoTime() - due;
                if (failure != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await();
        Arrays.sort(latencies);
        System.out.printf("rate=%d sent=%d errors=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f%n",
                rate, total, errors.get(), ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99),
                latencies[total - 1] / 1e6);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))] / 1e6;
    }
}
