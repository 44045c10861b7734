package io.passportsuite.asset;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.passportsuite.common.web.SuiteHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls asset-service the way the gateway does: the key's app in its header, with the suite's credential. */
public final class AssetCalls {

    public static final String CREDENTIAL = "Zr4-k8Qm1Vx6Lp3Tn9Wc2Hb7Dj5Fs0Gy4a";

    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper json = new JsonMapper();

    private final String base;

    public AssetCalls(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** The headers the gateway sends after checking app {@code appId}'s key. */
    public static String[] asApp(String appId) {
        return new String[] {SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL, SuiteHeaders.APP_ID, appId,
                SuiteHeaders.CLIENT_IP, "203.0.113.9"};
    }

    /** The headers of a public route: the credential and no app. */
    public static String[] publicly() {
        return new String[] {SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL, SuiteHeaders.CLIENT_IP, "203.0.113.9"};
    }

    public Response upload(String appId, String fileName, String contentType, byte[] content) {
        return uploadWith(multipart("file", fileName, contentType, content), asApp(appId));
    }

    public Response uploadWith(Multipart body, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + "/asset/v1/files/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + body.boundary())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())), headers);
    }

    public Response send(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder, headers);
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    public Response delete(String path, String... headers) {
        return send("DELETE", path, null, null, headers);
    }

    public static Multipart multipart(String field, String fileName, String contentType, byte[] content) {
        return Multipart.of(List.of(new Part(field, fileName, contentType, content)));
    }

    private static Response send(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = http.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Part(String field, String fileName, String contentType, byte[] content) {
    }

    public record Multipart(String boundary, byte[] bytes) {

        public static Multipart of(List<Part> parts) {
            String boundary = "----suite" + UUID.randomUUID().toString().replace("-", "");
            List<byte[]> pieces = new ArrayList<>();
            for (Part part : parts) {
                StringBuilder head = new StringBuilder("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.field() + "\"");
                if (part.fileName() != null) {
                    head.append("; filename=\"").append(part.fileName()).append('"');
                }
                head.append("\r\n");
                if (part.contentType() != null) {
                    head.append("Content-Type: ").append(part.contentType()).append("\r\n");
                }
                head.append("\r\n");
                pieces.add(head.toString().getBytes(StandardCharsets.UTF_8));
                pieces.add(part.content());
                pieces.add("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            pieces.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            pieces.forEach(out::writeBytes);
            return new Multipart(boundary, out.toByteArray());
        }
    }

    public record Response(int status, byte[] body, java.net.http.HttpHeaders headers) {

        public JsonNode json() {
            return json.readTree(body);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }
}
