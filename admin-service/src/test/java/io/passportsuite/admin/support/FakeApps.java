package io.passportsuite.admin.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Passport's internal app and API-key endpoints as admin-service meets them: shapes, bounds and error answers. */
final class FakeApps {

    private static final JsonMapper json = new JsonMapper();
    private static final Pattern APP_ID = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");
    private static final Set<String> METHODS = Set.of("password", "email_code", "github");

    record Reply(int status, JsonNode body) {
    }

    private final Map<String, ObjectNode> apps = new ConcurrentSkipListMap<>();
    private final Map<String, List<ObjectNode>> keys = new ConcurrentHashMap<>();
    /** Each app's GitHub login as passport shows it: whether a secret is set, never the secret. */
    private final Map<String, ObjectNode> githubs = new ConcurrentHashMap<>();

    FakeApps() {
        apps.put(FakePassport.APP, app(FakePassport.APP, "Default app"));
    }

    Reply handle(String method, String path, Map<String, String> query, JsonNode body) {
        String[] parts = path.substring("/internal/apps".length()).split("/");
        String appId = parts.length > 1 ? parts[1] : null;
        if (appId == null) {
            return switch (method) {
                case "GET" -> list(query);
                case "POST" -> create(body);
                default -> error(405, "METHOD_NOT_ALLOWED", "method not allowed");
            };
        }
        ObjectNode app = apps.get(appId);
        if (app == null) {
            return error(404, "UNKNOWN_APP", "no app " + appId);
        }
        if (parts.length == 2) {
            return switch (method) {
                case "GET" -> new Reply(200, app);
                case "PATCH" -> change(app, body);
                default -> error(405, "METHOD_NOT_ALLOWED", "method not allowed");
            };
        }
        if (parts.length == 3 && parts[2].equals("api-keys")) {
            return method.equals("POST") ? issue(appId, body) : listKeys(appId);
        }
        if (parts.length == 4 && parts[2].equals("api-keys") && method.equals("DELETE")) {
            return revoke(appId, parts[3]);
        }
        return error(404, "NOT_FOUND", "no such endpoint");
    }

    private Reply list(Map<String, String> query) {
        int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
        long offset = Long.parseLong(query.getOrDefault("offset", "0"));
        ObjectNode page = json.createObjectNode();
        ArrayNode list = page.putArray("apps");
        apps.values().stream().skip(offset).limit(limit).forEach(list::add);
        page.put("limit", limit);
        page.put("offset", offset);
        page.put("total", apps.size());
        return new Reply(200, page);
    }

    private synchronized Reply create(JsonNode body) {
        String appId = body.path("app_id").asString("");
        if (!APP_ID.matcher(appId).matches()) {
            return error(400, "VALIDATION_FAILED", "app_id must be 1-64 of a-z, 0-9, '_' and '-', starting with a letter or digit");
        }
        ObjectNode app = app(appId, body.path("name").asString(""));
        Reply invalid = applied(app, body);
        if (invalid != null) {
            return invalid;
        }
        if (apps.putIfAbsent(appId, app) != null) {
            return error(409, "ACCOUNT_EXISTS", "app " + appId + " exists already");
        }
        return new Reply(201, app);
    }

    private synchronized Reply change(ObjectNode app, JsonNode body) {
        ObjectNode before = app.deepCopy();
        ObjectNode after = app.deepCopy();
        Reply invalid = applied(after, body);
        if (invalid != null) {
            return invalid;
        }
        boolean password = after.get("login_methods").valueStream().anyMatch(method -> method.asString().equals("password"));
        if (after.get("app_id").asString().equals(FakePassport.APP) && !password) {
            return error(400, "VALIDATION_FAILED", "login_methods of the platform app must include password: administrators log in with it");
        }
        String appId = app.get("app_id").asString();
        ObjectNode github = githubs.get(appId);
        if (body != null && body.has("github")) {
            ObjectNode current = github;
            boolean moved = current != null && List.of("client_id", "web_base_url", "api_base_url").stream()
                    .anyMatch(field -> body.get("github").has(field) && !body.get("github").get(field).equals(current.get(field)));
            if (moved && !body.get("github").has("client_secret")) {
                return error(400, "VALIDATION_FAILED", "github.client_secret is required in the same request to change github.client_id, "
                        + "github.web_base_url or github.api_base_url");
            }
            github = github == null ? json.createObjectNode().put("configured", true).put("client_secret_set", false) : github.deepCopy();
            for (String field : List.of("client_id", "redirect_uris", "web_base_url", "api_base_url")) {
                if (body.get("github").has(field)) {
                    github.set(field, body.get("github").get(field));
                }
            }
            github.put("client_secret_set", github.get("client_secret_set").asBoolean() || body.get("github").has("client_secret"));
            if (!github.has("client_id") || !github.get("client_secret_set").asBoolean() || !github.has("redirect_uris")) {
                return error(400, "VALIDATION_FAILED", "github.client_secret must be 1-200 visible characters, and is required to configure GitHub");
            }
        }
        apps.put(appId, after);
        if (github != null) {
            githubs.put(appId, github);
        }
        ObjectNode answer = json.createObjectNode();
        answer.set("before", before);
        answer.set("after", after);
        answer.set("github", github != null ? github : json.createObjectNode().put("configured", false).put("client_secret_set", false));
        return new Reply(200, answer);
    }

    /** Copies the settings of {@code body} onto {@code app}; the refusal when they break passport's bounds. */
    private static Reply applied(ObjectNode app, JsonNode body) {
        for (String field : List.of("name", "password_min_length", "password_max_length", "password_letter_and_digit",
                "access_token_ttl_seconds", "refresh_token_ttl_seconds", "login_methods", "register_captcha_required")) {
            if (body != null && body.has(field)) {
                app.set(field, body.get(field));
            }
        }
        if (app.get("name").asString().isBlank()) {
            return error(400, "VALIDATION_FAILED", "name must be 1-100 characters");
        }
        long access = app.get("access_token_ttl_seconds").asLong();
        if (access < 60 || access > 86_400) {
            return error(400, "VALIDATION_FAILED", "access token lifetime must be 60-86400 seconds");
        }
        if (app.get("refresh_token_ttl_seconds").asLong() < access) {
            return error(400, "VALIDATION_FAILED", "refresh token lifetime must be at least the access token lifetime");
        }
        for (JsonNode method : app.get("login_methods")) {
            if (!METHODS.contains(method.asString())) {
                return error(400, "VALIDATION_FAILED", "login_methods must be a non-empty subset of [email_code, github, password]");
            }
        }
        return null;
    }

    private Reply issue(String appId, JsonNode body) {
        UUID id = UUID.randomUUID();
        String secret = "psk_" + id.toString().replace("-", "").substring(0, 8) + "_" + UUID.randomUUID().toString().replace("-", "");
        ObjectNode key = json.createObjectNode();
        key.put("id", id.toString());
        key.put("prefix", secret.substring(0, 12));
        key.put("label", body == null || body.path("label").isNull() ? null : body.path("label").asString(null));
        key.put("created_at", Instant.now().toString());
        key.putNull("revoked_at");
        keys.computeIfAbsent(appId, any -> new ArrayList<>()).add(key);
        ObjectNode answer = json.createObjectNode();
        answer.put("id", id.toString());
        answer.put("app_id", appId);
        answer.put("prefix", secret.substring(0, 12));
        answer.put("api_key", secret);
        return new Reply(201, answer);
    }

    private Reply listKeys(String appId) {
        ArrayNode list = json.createArrayNode();
        keys.getOrDefault(appId, List.of()).forEach(list::add);
        return new Reply(200, list);
    }

    private synchronized Reply revoke(String appId, String keyId) {
        for (ObjectNode key : keys.getOrDefault(appId, List.of())) {
            if (key.get("id").asString().equals(keyId) && key.get("revoked_at").isNull()) {
                key.put("revoked_at", Instant.now().toString());
                return new Reply(204, null);
            }
        }
        return error(404, "NOT_FOUND", "no active key " + keyId + " in app " + appId);
    }

    private static ObjectNode app(String appId, String name) {
        ObjectNode app = json.createObjectNode();
        app.put("app_id", appId);
        app.put("name", name);
        app.put("password_min_length", 8);
        app.put("password_max_length", 128);
        app.put("password_letter_and_digit", true);
        app.put("access_token_ttl_seconds", 900);
        app.put("refresh_token_ttl_seconds", 2_592_000);
        app.putArray("login_methods").add("email_code").add("password");
        app.put("register_captcha_required", false);
        return app;
    }

    private static Reply error(int status, String code, String message) {
        return new Reply(status, FakePassport.error(code, message));
    }
}
