package io.passportsuite.admin.passport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import feign.Client;
import feign.Request;
import feign.Response;

/**
 * Feign's transport on the JDK's {@link HttpClient}: Feign's default, {@code HttpURLConnection},
 * cannot send PATCH, which passport's user edit is. Timeouts are the client's (application.yml):
 * the connect timeout of the first call builds the client, the read timeout bounds each request.
 */
final class JdkHttpClient implements Client {

    /** Set by the JDK client itself; it refuses to be given them. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private volatile HttpClient http;

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        HttpRequest.BodyPublisher body = request.body() == null || request.body().length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url()))
                .method(request.httpMethod().name(), body)
                .timeout(Duration.ofMillis(options.readTimeoutMillis()));
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = client(options).send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
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
            throw new IOException("interrupted", e);
        }
    }

    private HttpClient client(Request.Options options) {
        HttpClient current = http;
        if (current == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofMillis(options.connectTimeoutMillis()))
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                }
                current = http;
            }
        }
        return current;
    }
}
