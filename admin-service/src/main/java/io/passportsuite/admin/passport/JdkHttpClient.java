package io.passportsuite.admin.passport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import feign.Client;
import feign.Request;
import feign.Response;

/**
 * Feign over the JDK's {@link HttpClient}: Feign's default client rides on
 * {@code HttpURLConnection}, which refuses {@code PATCH}, and passport changes an app's settings
 * with {@code PATCH}. The connect timeout is per client in the JDK, so one client is kept per value.
 */
final class JdkHttpClient implements Client {

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private final Map<Integer, HttpClient> clients = new ConcurrentHashMap<>();

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(Duration.ofMillis(options.readTimeoutMillis()))
                .method(request.httpMethod().name(), request.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = clientFor(options).send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            // Case-insensitive, as HTTP header names are: callers look up "Retry-After" whatever the wire said.
            Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.headers().map().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            return Response.builder()
                    .status(response.statusCode())
                    .reason("")
                    .headers(headers)
                    .body(response.body())
                    .request(request)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + request.url(), e);
        }
    }

    private HttpClient clientFor(Request.Options options) {
        return clients.computeIfAbsent(options.connectTimeoutMillis(), millis -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(millis))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }
}
