package io.passportsuite.admin.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.passportsuite.common.web.SuiteHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asset-service's internal settings API as admin-service meets it: the same path, camelCase bodies,
 * bounds and plain errors, and the same refusal (403) of a call without the suite's credential or
 * made on a client's behalf. Defaults: every type, 10 MiB a file, 1 GiB in all.
 */
public final class FakeAssets implements AutoCloseable {

    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;
    public static final long DEFAULT_QUOTA_BYTES = 1024L * 1024 * 1024;
    public static final long LARGEST_MAX_FILE_BYTES = 11L * 1024 * 1024 - 64 * 1024;
    private static final List<String> TYPES = List.of("image/jpeg", "image/png", "image/webp", "image/gif");
    private static final JsonMapper json = new JsonMapper();
    private static final Pattern SETTINGS = Pattern.compile("/internal/apps/([^/]+)/settings");

    private final HttpServer server;
    private final String credential;
    private final Map<String, ObjectNode> own = new ConcurrentHashMap<>();
    /** Each request as {@code METHOD path}, in order. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    /** The bodies received, as sent. */
    public final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

    public volatile boolean refuseCredential;
    /** Answer every call 500, after acting on it. */
    public volatile boolean failAfterActing;

    public FakeAssets(String credential) {
        this.credential = credential;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void reset() {
        refuseCredential = false;
        failAfterActing = false;
        requests.clear();
        bodies.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            requests.add(method + " " + path);
            String presented = exchange.getRequestHeaders().getFirst(SuiteHeaders.INTERNAL_CREDENTIAL);
            if (refuseCredential || !credential.equals(presented) || exchange.getRequestHeaders().getFirst(SuiteHeaders.CLIENT_IP) != null) {
                send(exchange, 403, error("FORBIDDEN", "For the suite's own services only"));
                return;
            }
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode body = text.isBlank() ? null : json.readTree(text);
            if (body != null) {
                bodies.add(body);
            }
            Matcher settings = SETTINGS.matcher(path);
            if (!settings.matches()) {
                send(exchange, 404, error("NOT_FOUND", "No such endpoint"));
            } else if (method.equals("GET")) {
                send(exchange, 200, effective(settings.group(1)));
            } else if (method.equals("PUT")) {
                put(exchange, settings.group(1), body);
            } else {
                send(exchange, 405, error("METHOD_NOT_ALLOWED", "This method is not allowed here"));
            }
        }
    }

    private void put(HttpExchange exchange, String appId, JsonNode body) throws IOException {
        JsonNode types = body.get("allowedTypes");
        JsonNode max = body.get("maxFileBytes");
        JsonNode quota = body.get("quotaBytes");
        if (types != null && !types.isNull() && (!types.isArray() || types.isEmpty()
                || types.valueStream().anyMatch(type -> !TYPES.contains(type.asString())))) {
            send(exchange, 400, error("VALIDATION_FAILED", "allowedTypes must be one or more of " + String.join(", ", TYPES)));
            return;
        }
        if (max != null && !max.isNull() && (!max.isIntegralNumber() || max.asLong() < 1024 || max.asLong() > LARGEST_MAX_FILE_BYTES)) {
            send(exchange, 400, error("VALIDATION_FAILED", "maxFileBytes must be 1024 to " + LARGEST_MAX_FILE_BYTES + " bytes"));
            return;
        }
        if (quota != null && !quota.isNull() && (!quota.isIntegralNumber() || quota.asLong() < 0)) {
            send(exchange, 400, error("VALIDATION_FAILED", "quotaBytes must not be negative"));
            return;
        }
        ObjectNode before = effective(appId);
        ObjectNode saved = json.createObjectNode();
        saved.set("allowedTypes", types == null ? null : types);
        saved.set("maxFileBytes", max == null ? null : max);
        saved.set("quotaBytes", quota == null ? null : quota);
        own.put(appId, saved);
        if (failAfterActing) {
            send(exchange, 500, error("INTERNAL_ERROR", "Something went wrong"));
            return;
        }
        ObjectNode answer = json.createObjectNode();
        answer.set("before", before);
        answer.set("after", effective(appId));
        send(exchange, 200, answer);
    }

    private ObjectNode effective(String appId) {
        ObjectNode saved = own.getOrDefault(appId, json.createObjectNode());
        ObjectNode settings = json.createObjectNode();
        settings.put("appId", appId);
        ArrayNode fromDefaults = json.createArrayNode();
        if (saved.hasNonNull("allowedTypes")) {
            settings.set("allowedTypes", saved.get("allowedTypes"));
        } else {
            ArrayNode all = settings.putArray("allowedTypes");
            TYPES.forEach(all::add);
            fromDefaults.add("allowedTypes");
        }
        settings.put("maxFileBytes", saved.hasNonNull("maxFileBytes") ? saved.get("maxFileBytes").asLong() : DEFAULT_MAX_FILE_BYTES);
        if (!saved.hasNonNull("maxFileBytes")) {
            fromDefaults.add("maxFileBytes");
        }
        settings.put("quotaBytes", saved.hasNonNull("quotaBytes") ? saved.get("quotaBytes").asLong() : DEFAULT_QUOTA_BYTES);
        if (!saved.hasNonNull("quotaBytes")) {
            fromDefaults.add("quotaBytes");
        }
        settings.set("fromDefaults", fromDefaults);
        ObjectNode usage = settings.putObject("usage");
        usage.put("storedBytes", 4096);
        usage.put("fileCount", 2);
        return settings;
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode error = json.createObjectNode();
        error.put("error", code);
        error.put("message", message);
        return error;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
