package io.passportsuite.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A GitHub Enterprise Server in the test JVM, speaking GitHub's own requests and answers: the web
 * host's {@code POST /login/oauth/access_token} (200 with an {@code error} body for a bad code or
 * client credentials), and under {@code /api/v3} {@code GET /user}, {@code GET /user/emails} and
 * {@code POST /applications/{client_id}/token} (HTTP Basic as the OAuth app; 404 for a token not
 * of that app). Tests make it fail, or answer slowly, and read the requests it received.
 */
final class FakeGithub implements AutoCloseable {

    public record Account(long id, String login, String name, String avatarUrl, String email, boolean emailVerified) {
    }

    public record Received(String method, String path, Map<String, List<String>> headers, String body) {
    }

    private record Grant(Account account, String clientId, String redirectUri) {
    }

    private final HttpServer server;
    private final JsonMapper json = new JsonMapper();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> tokens = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Integer failingStatus;
    private volatile String failingBody;
    private volatile Duration delay = Duration.ZERO;

    public FakeGithub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The web address of this Enterprise server; its API is at {@code /api/v3}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Registers an OAuth app. */
    public void oauthApp(String clientId, String clientSecret) {
        secrets.put(clientId, clientSecret);
    }

    /** The user approved {@code clientId} on GitHub's authorize page: the code GitHub sends to {@code redirectUri}. */
    public String approve(Account account, String clientId, String redirectUri) {
        String code = "code-" + UUID.randomUUID();
        codes.put(code, new Grant(account, clientId, redirectUri));
        return code;
    }

    /** A token GitHub issued to {@code clientId} for the user (a native client's device or web flow). */
    public String tokenFor(Account account, String clientId) {
        String token = "gho_" + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, new Grant(account, clientId, null));
        return token;
    }

    public void revoke(String token) {
        tokens.remove(token);
    }

    /** Every request answers {@code status} with {@code body} (null: GitHub's HTML error page) until {@link #recover}. */
    public void fail(int status, String body) {
        failingStatus = status;
        failingBody = body;
    }

    public void answerAfter(Duration delay) {
        this.delay = delay;
    }

    public void recover() {
        failingStatus = null;
        delay = Duration.ZERO;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void forget() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            if (failingStatus != null) {
                respond(exchange, failingStatus, failingBody != null ? failingBody : "<html><body>Unicorn!</body></html>",
                        failingBody != null ? "application/json" : "text/html");
                return;
            }
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.equals("/login/oauth/access_token")) {
                exchangeCode(exchange, body);
            } else if (method.equals("POST") && path.startsWith("/api/v3/applications/") && path.endsWith("/token")) {
                checkToken(exchange, path.substring("/api/v3/applications/".length(), path.length() - "/token".length()), body);
            } else if (method.equals("GET") && path.equals("/api/v3/user")) {
                withToken(exchange, grant -> user(grant.account()));
            } else if (method.equals("GET") && path.equals("/api/v3/user/emails")) {
                withToken(exchange, grant -> emails(grant.account()));
            } else {
                respond(exchange, 404, notFound().toString(), "application/json");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up waiting (a timeout test): nothing to answer.
        }
    }

    private void exchangeCode(HttpExchange exchange, String body) throws IOException {
        Map<String, String> form = form(body);
        String clientId = form.get("client_id");
        if (clientId == null || !form.getOrDefault("client_secret", "").equals(secrets.get(clientId))) {
            respondError(exchange, "incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect.");
            return;
        }
        Grant grant = codes.remove(form.getOrDefault("code", ""));
        if (grant == null || !grant.clientId().equals(clientId)) {
            respondError(exchange, "bad_verification_code", "The code passed is incorrect or expired.");
            return;
        }
        if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
            respondError(exchange, "redirect_uri_mismatch", "The redirect_uri MUST match the registered callback URL for this application.");
            return;
        }
        String token = tokenFor(grant.account(), clientId);
        ObjectNode answer = json.createObjectNode().put("access_token", token).put("token_type", "bearer").put("scope", "read:user,user:email");
        respond(exchange, 200, answer.toString(), "application/json");
    }

    private void checkToken(HttpExchange exchange, String clientId, String body) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secrets.get(clientId)).getBytes(StandardCharsets.UTF_8));
        if (secrets.get(clientId) == null || !expected.equals(authorization)) {
            respond(exchange, 401, json.createObjectNode().put("message", "Bad credentials").toString(), "application/json");
            return;
        }
        JsonNode request = json.readTree(body);
        Grant grant = tokens.get(request.path("access_token").asString(""));
        if (grant == null || !grant.clientId().equals(clientId)) {
            respond(exchange, 404, notFound().toString(), "application/json");
            return;
        }
        ObjectNode answer = json.createObjectNode().put("id", 1).put("token", request.path("access_token").asString());
        answer.putObject("app").put("client_id", clientId).put("name", "Passport").put("url", "https://example.com");
        answer.set("user", user(grant.account()));
        respond(exchange, 200, answer.toString(), "application/json");
    }

    private void withToken(HttpExchange exchange, java.util.function.Function<Grant, JsonNode> answer) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Grant grant = authorization != null && authorization.startsWith("Bearer ") ? tokens.get(authorization.substring(7)) : null;
        if (grant == null) {
            respond(exchange, 401, json.createObjectNode().put("message", "Bad credentials")
                    .put("documentation_url", "https://docs.github.com/rest").toString(), "application/json");
            return;
        }
        respond(exchange, 200, answer.apply(grant).toString(), "application/json");
    }

    private ObjectNode user(Account account) {
        ObjectNode user = json.createObjectNode().put("login", account.login()).put("id", account.id())
                .put("node_id", "MDQ6VXNlcjE=").put("avatar_url", account.avatarUrl()).put("type", "User").put("site_admin", false);
        if (account.name() == null) {
            user.putNull("name");
        } else {
            user.put("name", account.name());
        }
        // The profile's public email, which may be any address: never what login trusts.
        user.put("email", "public-" + account.login() + "@example.org");
        return user;
    }

    private ArrayNode emails(Account account) {
        ArrayNode list = json.createArrayNode();
        list.addObject().put("email", account.login() + "@users.noreply.example.com").put("primary", false).put("verified", true)
                .putNull("visibility");
        if (account.email() != null) {
            list.addObject().put("email", account.email()).put("primary", true).put("verified", account.emailVerified())
                    .put("visibility", "public");
        }
        return list;
    }

    private ObjectNode notFound() {
        return json.createObjectNode().put("message", "Not Found").put("documentation_url", "https://docs.github.com/rest");
    }

    private void respondError(HttpExchange exchange, String error, String description) throws IOException {
        ObjectNode answer = json.createObjectNode().put("error", error).put("error_description", description)
                .put("error_uri", "https://docs.github.com/apps/troubleshooting");
        respond(exchange, 200, answer.toString(), "application/json");
    }

    private static void respond(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

}
