package io.passportsuite.admin.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.passportsuite.common.web.SuiteHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls admin-service as the gateway does, with the headers it sets after checking a token. */
public final class AdminCalls {

    public static final String CREDENTIAL = "Qm7-t2Vx9Lr4Kp8Nw3Yb6Cd1Fg5Hj0Zs4a";
    public static final String CLIENT_IP = "203.0.113.9";

    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper json = new JsonMapper();

    private final int port;

    public AdminCalls(int port) {
        this.port = port;
    }

    /** The gateway's headers for a signed-in user of {@code app} with {@code role}. */
    public static String[] asUser(UUID userId, int role, String app) {
        return new String[] {SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL, SuiteHeaders.USER_ID, userId.toString(),
                SuiteHeaders.USER_ROLE, Integer.toString(role), SuiteHeaders.APP_ID, app, SuiteHeaders.CLIENT_IP, CLIENT_IP,
                SuiteHeaders.REQUEST_ID, "req-" + userId};
    }

    public static String[] asAdmin(UUID userId) {
        return asUser(userId, 9, FakePassport.APP);
    }

    /** The gateway's headers on the public login route: no identity, the client's address. */
    public static String[] anonymous() {
        return new String[] {SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL, SuiteHeaders.CLIENT_IP, CLIENT_IP,
                SuiteHeaders.REQUEST_ID, "req-login"};
    }

    public Answer get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Answer post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Answer send(String method, String path, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(20));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Answer(int status, String body, String retryAfter) {

        public JsonNode json() {
            return json.readTree(body);
        }

        public String errorCode() {
            JsonNode code = json().get("error_code");
            return code == null || code.isNull() ? null : code.asString();
        }
    }
}
