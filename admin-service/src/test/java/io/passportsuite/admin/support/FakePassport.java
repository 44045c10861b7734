package io.passportsuite.admin.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.passportsuite.common.web.SuiteHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Passport's internal API as admin-service meets it: the same paths, bodies and error shapes, and
 * the same refusal (403) of a call without the suite's credential or made on a client's behalf.
 */
public final class FakePassport implements AutoCloseable {

    public static final String APP = "default";
    public static final UUID ADMIN_ID = UUID.fromString("8d3e7a52-0c4b-4f7e-9a31-5b2c6d1e0f99");
    public static final String ADMIN_USERNAME = "root";
    public static final String ADMIN_PASSWORD = "Root12345";

    private static final JsonMapper json = new JsonMapper();

    private final HttpServer server;
    private final String credential;
    private final Map<UUID, ObjectNode> users = new ConcurrentHashMap<>();
    /** Each request as {@code METHOD path?query}, in order. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    /** The bodies of admin session requests. */
    public final List<JsonNode> loginBodies = new CopyOnWriteArrayList<>();
    /** user id to the passwords set by resets. */
    public final Map<UUID, String> resets = new ConcurrentHashMap<>();
    /** The bodies of app creations and settings changes, as sent. */
    public final List<JsonNode> appBodies = new CopyOnWriteArrayList<>();
    private final FakeApps apps = new FakeApps();
    /** The users disabled and not enabled since. */
    public final Set<UUID> disabled = ConcurrentHashMap.newKeySet();
    /** user id to the ids of their live sessions. */
    public final Map<UUID, Set<UUID>> sessions = new ConcurrentHashMap<>();

    public volatile Integer retryAfterSeconds;
    public volatile boolean refuseCredential;
    public volatile Duration delay = Duration.ZERO;

    public FakePassport(String credential) {
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

    public UUID addUser(String username) {
        UUID id = UUID.randomUUID();
        ObjectNode user = json.createObjectNode();
        user.put("id", id.toString());
        user.put("username", username);
        user.put("nickname", "小" + username);
        user.put("email", username + "@example.com");
        user.put("email_verified", false);
        user.put("phone", "+8613800138000");
        user.putNull("avatar_url");
        user.put("role", 1);
        user.put("created_at", "2026-11-30T10:00:00.000Z");
        user.put("updated_at", "2026-11-30T10:00:00.000Z");
        users.put(id, user);
        return id;
    }

    /** A user with {@code role} (9: an administrator). */
    public UUID addUser(String username, int role) {
        UUID id = addUser(username);
        users.get(id).put("role", role);
        return id;
    }

    public int roleOf(UUID user) {
        return users.get(user).get("role").asInt();
    }

    public ObjectNode user(UUID user) {
        return users.get(user);
    }

    /** A new live session of {@code user}. */
    public UUID addSession(UUID user) {
        UUID session = UUID.randomUUID();
        sessions.computeIfAbsent(user, any -> ConcurrentHashMap.newKeySet()).add(session);
        return session;
    }

    /** Makes {@code admin} the one administrator: every other role-9 user becomes a user. */
    public void onlyAdmin(UUID admin) {
        users.forEach((id, user) -> user.put("role", id.equals(admin) ? 9 : 1));
    }

    public void reset() {
        retryAfterSeconds = null;
        refuseCredential = false;
        delay = Duration.ZERO;
        requests.clear();
        loginBodies.clear();
        appBodies.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String method = exchange.getRequestMethod();
            requests.add(method + " " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            if (!delay.isZero()) {
                Thread.sleep(delay);
            }
            String presented = exchange.getRequestHeaders().getFirst(SuiteHeaders.INTERNAL_CREDENTIAL);
            if (refuseCredential || !credential.equals(presented)
                    || exchange.getRequestHeaders().getFirst(SuiteHeaders.CLIENT_IP) != null) {
                error(exchange, 403, "FORBIDDEN", "internal endpoint");
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            route(exchange, method, uri, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void route(HttpExchange exchange, String method, URI uri, String body) throws IOException {
        String path = uri.getPath();
        String usersPrefix = "/internal/apps/" + APP + "/users";
        // users/{id}[/action[/sessionId]]
        String[] rest = path.startsWith(usersPrefix + "/") ? path.substring(usersPrefix.length() + 1).split("/") : new String[0];
        if (method.equals("POST") && path.equals("/internal/admin/sessions")) {
            login(exchange, json.readTree(body));
        } else if (method.equals("GET") && path.equals(usersPrefix)) {
            list(exchange, query(uri));
        } else if (rest.length > 0 && userAt(rest[0]) == null) {
            error(exchange, 404, "USER_NOT_FOUND", "no such user");
        } else if (method.equals("GET") && rest.length == 1) {
            ObjectNode answer = json.createObjectNode();
            answer.set("user", userAt(rest[0]));
            send(exchange, 200, answer, Map.of());
        } else if (method.equals("DELETE") && rest.length == 1) {
            UUID id = UUID.fromString(rest[0]);
            users.remove(id);
            disabled.remove(id);
            sessions.remove(id);
            noContent(exchange);
        } else if (method.equals("PATCH") && rest.length == 1) {
            edit(exchange, UUID.fromString(rest[0]), json.readTree(body));
        } else if (method.equals("POST") && rest.length == 2 && rest[1].equals("reset-password")) {
            resetPassword(exchange, rest[0], json.readTree(body));
        } else if (method.equals("POST") && rest.length == 2 && rest[1].equals("disable")) {
            disabled.add(UUID.fromString(rest[0]));
            sessions.remove(UUID.fromString(rest[0]));
            noContent(exchange);
        } else if (method.equals("POST") && rest.length == 2 && rest[1].equals("enable")) {
            disabled.remove(UUID.fromString(rest[0]));
            noContent(exchange);
        } else if (method.equals("GET") && rest.length == 2 && rest[1].equals("sessions")) {
            listSessions(exchange, UUID.fromString(rest[0]));
        } else if (method.equals("DELETE") && rest.length == 3 && rest[1].equals("sessions")) {
            Set<UUID> live = sessions.getOrDefault(UUID.fromString(rest[0]), Set.of());
            if (live.stream().noneMatch(session -> session.toString().equals(rest[2]))) {
                error(exchange, 404, "NOT_FOUND", "no such session of this user");
            } else {
                live.remove(UUID.fromString(rest[2]));
                noContent(exchange);
            }
        } else if (path.equals("/internal/apps") || path.startsWith("/internal/apps/")) {
            if (!body.isBlank()) {
                appBodies.add(json.readTree(body));
            }
            FakeApps.Reply reply = apps.handle(method, path, query(uri), body.isBlank() ? null : json.readTree(body));
            if (reply.status() == 204) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                send(exchange, reply.status(), reply.body(), Map.of());
            }
        } else {
            error(exchange, 404, "NOT_FOUND", "no such endpoint");
        }
    }

    /** Passport's PATCH: the fields given, a username another user has is a 409, role 1 or 9. */
    private void edit(HttpExchange exchange, UUID id, JsonNode body) throws IOException {
        ObjectNode user = users.get(id);
        String username = body.path("username").asString(null);
        if (username != null && users.values().stream()
                .anyMatch(other -> other != user && other.get("username").asString().equals(username))) {
            error(exchange, 409, "ACCOUNT_EXISTS", "username already exists");
            return;
        }
        if (body.has("role") && body.get("role").asInt() != 1 && body.get("role").asInt() != 9) {
            error(exchange, 400, "VALIDATION_FAILED", "role must be 1 (user) or 9 (administrator)");
            return;
        }
        ObjectNode before = user.deepCopy();
        for (String field : body.propertyNames()) {
            user.set(field, body.get(field));
        }
        if (body.has("email")) {
            user.put("email_verified", false);
        }
        user.put("updated_at", "2026-11-30T11:00:00.000Z");
        ObjectNode answer = json.createObjectNode();
        answer.set("before", before);
        answer.set("after", user.deepCopy());
        send(exchange, 200, answer, Map.of());
    }

    private void listSessions(HttpExchange exchange, UUID user) throws IOException {
        ObjectNode answer = json.createObjectNode();
        var list = answer.putArray("sessions");
        Set<UUID> live = sessions.getOrDefault(user, Set.of());
        for (UUID id : live) {
            ObjectNode session = list.addObject();
            session.put("id", id.toString());
            session.put("login_method", "password");
            session.put("created_at", "2026-11-30T10:00:00.000Z");
            session.put("last_used_at", "2026-11-30T10:05:00.000Z");
            session.put("expires_at", "2026-12-30T10:00:00.000Z");
            session.put("client_ip", "198.51.100.7");
            session.put("user_agent", "curl/8");
        }
        answer.put("total", live.size());
        send(exchange, 200, answer, Map.of());
    }

    private void login(HttpExchange exchange, JsonNode body) throws IOException {
        loginBodies.add(body);
        if (retryAfterSeconds != null) {
            send(exchange, 429, error("RATE_LIMITED", "too many requests; retry in " + retryAfterSeconds + " s"),
                    Map.of("Retry-After", retryAfterSeconds.toString()));
            return;
        }
        if (!ADMIN_USERNAME.equals(body.path("identifier").asString("")) || !ADMIN_PASSWORD.equals(body.path("password").asString(""))) {
            error(exchange, 401, "INVALID_CREDENTIALS", "wrong administrator account or password");
            return;
        }
        ObjectNode admin = json.createObjectNode();
        admin.put("id", ADMIN_ID.toString());
        admin.put("username", ADMIN_USERNAME);
        admin.put("nickname", "管理员");
        admin.put("role", 9);
        ObjectNode session = json.createObjectNode();
        session.set("admin", admin);
        session.put("access_token", "eyJ.fake.access");
        session.put("refresh_token", "fake-refresh-secret");
        session.put("expires_at", 1_766_102_400_000L);
        send(exchange, 200, session, Map.of());
    }

    /** Passport's list: {@code after} is this fake's cursor ({@code c<offset>}), filters as passport's, {@code total} what matches. */
    private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
        int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
        long offset = Long.parseLong(query.getOrDefault("offset", "0"));
        if (limit < 1 || limit > 1000 || offset < 0) {
            error(exchange, 400, "VALIDATION_FAILED", "limit must be 1-1000 and offset at least 0");
            return;
        }
        if (query.containsKey("after")) {
            if (query.containsKey("offset")) {
                error(exchange, 400, "VALIDATION_FAILED", "page by offset or after a cursor, not both");
                return;
            }
            if (!query.get("after").matches("c\\d{1,9}")) {
                error(exchange, 400, "VALIDATION_FAILED", "after must be a next cursor of an earlier page");
                return;
            }
            offset = Long.parseLong(query.get("after").substring(1));
        }
        Predicate<ObjectNode> matches = user -> true;
        if (query.containsKey("q")) {
            String prefix = query.get("q").toLowerCase();
            matches = matches.and(user -> List.of("username", "email", "phone", "nickname").stream()
                    .anyMatch(field -> user.get(field).isString() && user.get(field).asString().toLowerCase().startsWith(prefix)));
        }
        if (query.containsKey("role")) {
            int role = Integer.parseInt(query.get("role"));
            matches = matches.and(user -> user.get("role").asInt() == role);
        }
        if (query.containsKey("disabled")) {
            boolean wanted = Boolean.parseBoolean(query.get("disabled"));
            matches = matches.and(user -> disabled.contains(UUID.fromString(user.get("id").asString())) == wanted);
        }
        if (query.containsKey("verified")) {
            boolean wanted = Boolean.parseBoolean(query.get("verified"));
            matches = matches.and(user -> user.get("email_verified").asBoolean() == wanted);
        }
        List<ObjectNode> all = new ArrayList<>(users.values().stream().filter(matches).toList());
        all.sort((a, b) -> a.get("username").asString().compareTo(b.get("username").asString()));
        ObjectNode page = json.createObjectNode();
        var list = page.putArray("users");
        all.stream().skip(offset).limit(limit).forEach(list::add);
        page.put("limit", limit);
        page.put("offset", offset);
        page.put("total", all.size());
        page.put("total_exact", true);
        if (offset + limit < all.size()) {
            page.put("next", "c" + (offset + limit));
        } else {
            page.putNull("next");
        }
        send(exchange, 200, page, Map.of());
    }

    private void resetPassword(HttpExchange exchange, String id, JsonNode body) throws IOException {
        String password = body.path("new_password").asString("");
        if (userAt(id) == null) {
            error(exchange, 404, "USER_NOT_FOUND", "no such user");
        } else if (password.length() < 8 || password.length() > 128) {
            error(exchange, 400, "VALIDATION_FAILED", "password must be 8-128 characters");
        } else {
            resets.put(UUID.fromString(id), password);
            send(exchange, 200, json.createObjectNode(), Map.of());
        }
    }

    private ObjectNode userAt(String id) {
        try {
            return users.get(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(decoded(parts[0]), parts.length > 1 ? decoded(parts[1]) : "");
            }
        }
        return query;
    }

    private static String decoded(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static void noContent(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(204, -1);
    }

    static ObjectNode error(String code, String message) {
        ObjectNode error = json.createObjectNode();
        error.put("error", code);
        error.put("message", message);
        return error;
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        send(exchange, status, error(code, message), Map.of());
    }

    private static void send(HttpExchange exchange, int status, JsonNode body, Map<String, String> headers) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach(exchange.getResponseHeaders()::set);
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
