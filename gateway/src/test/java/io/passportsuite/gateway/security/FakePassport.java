package io.passportsuite.gateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for every service behind the gateway: serves a JWKS of locally generated keys, answers
 * the internal API-key lookup, and records the headers of every other request it receives.
 */
final class FakePassport implements AutoCloseable {

    static final String CREDENTIAL = "test-credential-5mJx8Qw2Lr7Vb4Nc9Zk1Hp6Td3";
    static final String GOOD_API_KEY = "psk_good_key";
    /** Known until {@link #revokeRevocableKey()}. */
    static final String REVOCABLE_API_KEY = "psk_revocable_key";
    /** A key an app brought from its previous deployment: nothing like the suite's own format. */
    static final String MIGRATED_API_KEY = "pk_acceptance_key_0123456789abcdef";
    static final String APP_ID = "app-one";

    private final HttpServer server;
    private final JsonMapper json = new JsonMapper();
    private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet());
    private final AtomicReference<Map<String, String>> lastForwarded = new AtomicReference<>();
    private final AtomicReference<String> lastForwardedPath = new AtomicReference<>();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger apiKeyLookups = new AtomicInteger();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private volatile boolean revocableKeyRevoked;

    FakePassport() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void publish(RSAKey... keys) {
        published.set(new JWKSet(java.util.List.of(keys)).toPublicJWKSet());
    }

    void revokeRevocableKey() {
        revocableKeyRevoked = true;
    }

    /** Headers of the last request that reached a service, names lower-cased. */
    Map<String, String> lastForwarded() {
        return lastForwarded.get();
    }

    String lastForwardedPath() {
        return lastForwardedPath.get();
    }

    int forwardedCount() {
        return forwarded.get();
    }

    int apiKeyLookups() {
        return apiKeyLookups.get();
    }

    int jwksFetches() {
        return jwksFetches.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (path.equals("/.well-known/jwks.json")) {
            jwksFetches.incrementAndGet();
            respond(exchange, 200, published.get().toString());
            return;
        }
        if (path.equals("/internal/api-keys/self")) {
            apiKeyLookups.incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            boolean known = CREDENTIAL.equals(exchange.getRequestHeaders().getFirst("X-Passport-Internal-Credential"))
                    && (("Bearer " + GOOD_API_KEY).equals(authorization) || ("Bearer " + MIGRATED_API_KEY).equals(authorization)
                            || ("Bearer " + REVOCABLE_API_KEY).equals(authorization) && !revocableKeyRevoked);
            respond(exchange, known ? 200 : 401, known ? "{\"app_id\":\"" + APP_ID + "\"}" : "{\"error\":\"INVALID_API_KEY\"}");
            return;
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        lastForwarded.set(headers);
        lastForwardedPath.set(path);
        forwarded.incrementAndGet();
        respond(exchange, 200, json.writeValueAsString(Map.of("path", path)));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
