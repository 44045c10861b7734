package io.passportsuite.membership;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.passportsuite.common.testing.ServiceProbe;
import io.passportsuite.common.web.SuiteHeaders;

/** Calls membership-service the way the gateway and the suite's services do, with their headers. */
public final class SuiteCalls {

    public static final String CREDENTIAL = "Vq8-w1Kp3Lr7Tx2Nw5Yb9Cd4Fg6Hj0Mk2s";
    public static final String APP = "default";

    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final ServiceProbe probe;

    public SuiteCalls(int port) {
        this.port = port;
        this.probe = ServiceProbe.onPort(port);
    }

    public ServiceProbe probe() {
        return probe;
    }

    /** The headers the gateway sends for a signed-in user of the platform app. */
    public static String[] asUser(UUID userId, int role) {
        return new String[] {SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL, SuiteHeaders.USER_ID, userId.toString(),
                SuiteHeaders.APP_ID, APP, SuiteHeaders.USER_ROLE, Integer.toString(role), SuiteHeaders.CLIENT_IP, "203.0.113.7"};
    }

    public static String[] asService() {
        return new String[] {SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL};
    }

    public ServiceProbe.Response get(String path, UUID userId) {
        return probe.get(path, asUser(userId, 0));
    }

    public ServiceProbe.Response post(String path, String json, UUID userId) {
        return probe.post(path, json, asUser(userId, 0));
    }

    public ServiceProbe.Response admin(String method, String path, String json) {
        return send(method, path, json, asUser(UUID.randomUUID(), 9));
    }

    public ServiceProbe.Response send(String method, String path, String json, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(10));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < all.size(); i += 2) {
            builder.header(all.get(i), all.get(i + 1));
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new ServiceProbe.Response(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An operator's new invite; its clear code. */
    public String invite(String tier, int maxUses) {
        ServiceProbe.Response response = admin("POST", "/admin/membership/invites",
                "{\"tier\":\"" + tier + "\",\"max_uses\":" + maxUses + "}");
        if (response.status() != 200) {
            throw new IllegalStateException("Creating an invite failed: " + response.body());
        }
        return response.json().get("data").get("code").asString();
    }

    public ServiceProbe.Response redeem(UUID userId, String code) {
        return post("/api/membership/redeem-invite", "{\"inviteCode\":\"" + code + "\"}", userId);
    }
}
