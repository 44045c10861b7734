package io.passportsuite.admin.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Membership's internal API for the platform app as admin-service meets it: the same paths,
 * camelCase bodies and plain errors, and the same refusal (403) of a call without the suite's
 * credential or made on a client's behalf. Tiers start as membership seeds them.
 */
public final class FakeMembership implements AutoCloseable {

    private static final JsonMapper json = new JsonMapper();
    private static final Pattern USER = Pattern.compile("/internal/apps/default/users/([^/]+)/(membership|capabilities/([^/]+))");
    private static final Pattern INVITE = Pattern.compile("/internal/apps/default/invites/([^/]+)");
    private static final Pattern TIER = Pattern.compile("/internal/apps/default/tiers/([^/]+)");

    private final HttpServer server;
    private final String credential;
    private final Map<String, ObjectNode> tiers = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> invites = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> memberships = new ConcurrentHashMap<>();
    /** Each request as {@code METHOD path?query}, in order. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    /** The bodies received, as sent. */
    public final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

    public volatile boolean refuseCredential;

    public FakeMembership(String credential) {
        this.credential = credential;
        tier("free", 0, 0);
        tier("member", 1, 0, "cloud:deploy", "server:create");
        tier("pro", 2, 10, "cloud:deploy", "server:create", "invite:create");
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
        requests.clear();
        bodies.clear();
    }

    private void tier(String name, int level, int quota, String... capabilities) {
        ObjectNode tier = json.createObjectNode();
        tier.put("name", name);
        tier.put("level", level);
        ArrayNode caps = tier.putArray("capabilities");
        for (String capability : capabilities) {
            caps.add(capability);
        }
        tier.put("monthlyInviteQuota", quota);
        tiers.put(name, tier);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String method = exchange.getRequestMethod();
            requests.add(method + " " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            String presented = exchange.getRequestHeaders().getFirst(SuiteHeaders.INTERNAL_CREDENTIAL);
            if (refuseCredential || !credential.equals(presented) || exchange.getRequestHeaders().getFirst(SuiteHeaders.CLIENT_IP) != null) {
                send(exchange, 403, error("FORBIDDEN", "internal endpoint"));
                return;
            }
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode body = text.isBlank() ? null : json.readTree(text);
            if (body != null) {
                bodies.add(body);
            }
            route(exchange, method, uri, body);
        }
    }

    private void route(HttpExchange exchange, String method, URI uri, JsonNode body) throws IOException {
        String path = uri.getPath();
        Matcher user = USER.matcher(path);
        Matcher invite = INVITE.matcher(path);
        Matcher tier = TIER.matcher(path);
        if (method.equals("GET") && path.equals("/internal/apps/default/tiers")) {
            ObjectNode list = json.createObjectNode();
            list.put("appId", "default");
            list.put("ownTiers", true);
            ArrayNode all = list.putArray("tiers");
            tiers.values().stream().sorted((a, b) -> a.get("level").asInt() - b.get("level").asInt()).forEach(all::add);
            send(exchange, 200, list);
        } else if (method.equals("PUT") && tier.matches()) {
            putTier(exchange, tier.group(1), body);
        } else if (method.equals("GET") && path.equals("/internal/apps/default/invites")) {
            ObjectNode list = json.createObjectNode();
            ArrayNode all = list.putArray("invites");
            invites.values().forEach(all::add);
            send(exchange, 200, list);
        } else if (method.equals("POST") && path.equals("/internal/apps/default/invites")) {
            createInvite(exchange, body);
        } else if (method.equals("DELETE") && invite.matches() && invites.containsKey(invite.group(1))) {
            ObjectNode revoked = invites.get(invite.group(1));
            revoked.put("revokedAt", "2026-11-30T12:00:00Z");
            send(exchange, 200, revoked);
        } else if (method.equals("DELETE") && invite.matches()) {
            send(exchange, 404, error("NOT_FOUND", "No invite has this id"));
        } else if (user.matches()) {
            membership(exchange, method, user.group(1), user.group(3), query(uri).get("kind"), body);
        } else {
            send(exchange, 404, error("NOT_FOUND", "no such endpoint"));
        }
    }

    private void putTier(HttpExchange exchange, String name, JsonNode body) throws IOException {
        JsonNode level = body == null ? null : body.get("level");
        JsonNode capabilities = body == null ? null : body.get("capabilities");
        if (level == null || !level.isInt() || level.asInt() < 0) {
            send(exchange, 400, error("VALIDATION_FAILED", "level is required and must not be negative"));
            return;
        }
        if (capabilities == null || !capabilities.isArray()) {
            send(exchange, 400, error("VALIDATION_FAILED", "capabilities is required, each like subject:action, e.g. cloud:deploy"));
            return;
        }
        ObjectNode saved = json.createObjectNode();
        saved.put("appId", "default");
        saved.put("name", name);
        saved.put("level", level.asInt());
        saved.set("capabilities", capabilities);
        saved.put("monthlyInviteQuota", body.path("monthlyInviteQuota").asInt(0));
        boolean created = !tiers.containsKey(name);
        ObjectNode kept = saved.deepCopy();
        kept.remove("appId");
        tiers.put(name, kept);
        saved.put("publishedMembers", 0);
        send(exchange, created ? 201 : 200, saved);
    }

    private void createInvite(HttpExchange exchange, JsonNode body) throws IOException {
        String tier = body.path("tier").asString("");
        if (!tiers.containsKey(tier) || "free".equals(tier) || !body.path("maxUses").isInt()) {
            send(exchange, 400, error("VALIDATION_FAILED", "No tier above the lowest is named " + tier));
            return;
        }
        ObjectNode invite = json.createObjectNode();
        invite.put("id", UUID.randomUUID().toString());
        invite.put("appId", "default");
        invite.put("tier", tier);
        invite.put("maxUses", body.get("maxUses").asInt());
        invite.put("uses", 0);
        if (body.hasNonNull("expiresAt")) {
            invite.put("expiresAt", body.get("expiresAt").asString());
        }
        invite.put("createdBy", body.path("createdBy").asString(null));
        if (body.hasNonNull("note")) {
            invite.put("note", body.get("note").asString());
        }
        invite.put("createdAt", "2026-11-30T11:00:00Z");
        invites.put(invite.get("id").asString(), invite);
        ObjectNode answer = invite.deepCopy();
        answer.put("code", "INV-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
        send(exchange, 201, answer);
    }

    private void membership(HttpExchange exchange, String method, String userId, String capability, String kind, JsonNode body)
            throws IOException {
        ObjectNode state = memberships.computeIfAbsent(userId, id -> stateOf(id, "none", "free"));
        if (capability != null) {
            if (!"grant".equals(kind) && !"revoke".equals(kind)) {
                send(exchange, 400, error("VALIDATION_FAILED", "kind must be grant or revoke"));
                return;
            }
            ArrayNode capabilities = (ArrayNode) state.get("capabilities");
            boolean granting = method.equals("POST") == "grant".equals(kind);
            ArrayNode next = json.createArrayNode();
            capabilities.forEach(each -> {
                if (!each.asString().equals(capability)) {
                    next.add(each);
                }
            });
            if (granting) {
                next.add(capability);
            }
            state.set("capabilities", next);
            state.put("revision", state.get("revision").asLong() + 1);
        } else if (method.equals("PUT")) {
            String tier = body == null ? "" : body.path("tier").asString("");
            if (body == null || !body.hasNonNull("status")) {
                send(exchange, 400, error("VALIDATION_FAILED", "tier and status are required"));
                return;
            }
            if (!tiers.containsKey(tier)) {
                send(exchange, 404, error("NOT_FOUND", "This app has no tier named " + tier));
                return;
            }
            long revision = state.get("revision").asLong();
            state = stateOf(userId, body.get("status").asString(), tier);
            state.put("revision", revision + 1);
            memberships.put(userId, state);
        }
        send(exchange, 200, state);
    }

    private ObjectNode stateOf(String userId, String status, String tierName) {
        ObjectNode tier = tiers.get(tierName);
        ObjectNode state = json.createObjectNode();
        state.put("userId", userId);
        state.put("appId", "default");
        state.put("status", status);
        state.put("tier", tierName);
        state.put("level", tier.get("level").asInt());
        state.put("isMember", tier.get("level").asInt() > 0 && "active".equals(status));
        state.set("capabilities", tier.get("capabilities").deepCopy());
        state.put("revision", 0);
        return state;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return query;
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
