package io.passportsuite.passport.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of the service under test, speaking JSON over real HTTP. */
public record Http(int port) {

    private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper json = new JsonMapper();

    public Response post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Response put(String path, String body, String... headers) {
        return send("PUT", path, body, headers);
    }

    public Response patch(String path, String body, String... headers) {
        return send("PATCH", path, body, headers);
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public record Response(int status, String body, Map<String, java.util.List<String>> headers) {

        public JsonNode json() {
            return body == null || body.isEmpty() ? json.nullNode() : json.readTree(body);
        }

        public String text(String field) {
            JsonNode node = json().get(field);
            return node == null || node.isNull() ? null : node.asString();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
