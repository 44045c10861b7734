package io.passportsuite.passport.github;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitHub's OAuth and REST calls that login needs, with bounded waits. A proof GitHub refuses
 * answers {@link Reason#GITHUB_CODE_REJECTED} or {@link Reason#GITHUB_TOKEN_REJECTED}; GitHub
 * failing (an error status, an unreadable answer, our own credentials refused) answers
 * {@link Reason#GITHUB_FAILED}; GitHub unreachable or too slow (for one call, or for the login's
 * {@link Deadline} over all its calls), {@link Reason#GITHUB_UNREACHABLE}.
 */
@Component
class GithubApi {

    private static final Logger log = LoggerFactory.getLogger(GithubApi.class);
    private static final String API_VERSION = "2022-11-28";
    /** GitHub refuses API requests without a User-Agent. */
    private static final String USER_AGENT = "passport-suite";

    private final HttpClient client;
    private final GithubSettings settings;
    private final JsonMapper json = new JsonMapper();

    GithubApi(GithubSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Trades a web flow's code for the user's access token ({@code POST /login/oauth/access_token}). */
    Outcome<String> exchangeCode(GithubApp app, String code, String redirectUri, Deadline deadline) {
        String form = "client_id=" + encode(app.clientId()) + "&client_secret=" + encode(app.clientSecret()) + "&code=" + encode(code)
                + "&redirect_uri=" + encode(redirectUri);
        HttpRequest request = request(app.webBaseUrl() + "/login/oauth/access_token")
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return send(request, deadline).flatMap(response -> {
            Optional<JsonNode> body = parse(response);
            if (response.statusCode() != 200 || body.isEmpty()) {
                return failed("code exchange", response);
            }
            // GitHub answers a refused code with 200 and an error in the body.
            String error = text(body.get(), "error");
            if (error != null) {
                if ("incorrect_client_credentials".equals(error)) {
                    log.warn("GitHub refused the client credentials of app {}: check its client_id and client_secret", app.appId());
                    return Outcome.failure(Reason.GITHUB_FAILED);
                }
                // GitHub's codes are short snake_case words; anything else is not repeated to the client.
                return Outcome.failure(Reason.GITHUB_CODE_REJECTED, error.matches("[a-z_]{1,64}") ? error : "error");
            }
            String token = text(body.get(), "access_token");
            return token == null ? failed("code exchange", response) : Outcome.success(token);
        });
    }

    /**
     * Whether GitHub knows {@code token} as issued to this app's OAuth app
     * ({@code POST /applications/{client_id}/token}, authenticated as the app): a token issued to
     * any other app is refused, whoever's it is.
     */
    Outcome<Void> checkToken(GithubApp app, String token, Deadline deadline) {
        String basic = Base64.getEncoder().encodeToString((app.clientId() + ":" + app.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = request(app.apiBaseUrl() + "/applications/" + encode(app.clientId()) + "/token")
                .header("Accept", "application/vnd.github+json")
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.createObjectNode().put("access_token", token).toString()))
                .build();
        return send(request, deadline).flatMap(response -> {
            if (response.statusCode() == 404 || response.statusCode() == 422) {
                return Outcome.failure(Reason.GITHUB_TOKEN_REJECTED);
            }
            Optional<JsonNode> body = parse(response);
            if (response.statusCode() != 200 || body.isEmpty()) {
                return failed("token check", response);
            }
            JsonNode appNode = body.get().path("app");
            if (!app.clientId().equals(text(appNode, "client_id"))) {
                return Outcome.failure(Reason.GITHUB_TOKEN_REJECTED);
            }
            return Outcome.success(null);
        });
    }

    /** The user a token belongs to ({@code GET /user}), with their verified primary email ({@code GET /user/emails}). */
    Outcome<GithubIdentity> identify(GithubApp app, String token, Deadline deadline) {
        return send(bearer(app, "/user", token), deadline).flatMap(response -> {
            if (response.statusCode() == 401) {
                return Outcome.failure(Reason.GITHUB_TOKEN_REJECTED);
            }
            Optional<JsonNode> user = parse(response);
            if (response.statusCode() != 200 || user.isEmpty() || !user.get().path("id").canConvertToLong()
                    || text(user.get(), "login") == null) {
                return failed("user", response);
            }
            return verifiedEmail(app, token, deadline).map(email -> new GithubIdentity(user.get().path("id").asLong(), text(user.get(), "login"),
                    text(user.get(), "name"), text(user.get(), "avatar_url"), email.orElse(null)));
        });
    }

    private Outcome<Optional<String>> verifiedEmail(GithubApp app, String token, Deadline deadline) {
        return send(bearer(app, "/user/emails", token), deadline).flatMap(response -> {
            if (response.statusCode() == 401) {
                return Outcome.failure(Reason.GITHUB_TOKEN_REJECTED);
            }
            // A token without the user:email scope may not read the addresses: the user then has none we know of.
            if (response.statusCode() == 403 || response.statusCode() == 404) {
                return Outcome.success(Optional.empty());
            }
            Optional<JsonNode> emails = parse(response);
            if (response.statusCode() != 200 || emails.isEmpty() || !emails.get().isArray()) {
                return failed("emails", response);
            }
            for (JsonNode email : emails.get()) {
                if (email.path("primary").asBoolean(false) && email.path("verified").asBoolean(false) && text(email, "email") != null) {
                    return Outcome.success(Optional.of(text(email, "email")));
                }
            }
            return Outcome.success(Optional.empty());
        });
    }

    private HttpRequest bearer(GithubApp app, String path, String token) {
        return request(app.apiBaseUrl() + path)
                .header("Accept", "application/vnd.github+json")
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.readTimeout())
                .header("User-Agent", USER_AGENT)
                .header("X-GitHub-Api-Version", API_VERSION);
    }

    /**
     * The request's timeout bounds the wait for the answer's headers only; the wait here also
     * bounds a body GitHub (or something in between) sends slowly, and ends at the login's
     * deadline when that comes first.
     */
    private Outcome<HttpResponse<String>> send(HttpRequest request, Deadline deadline) {
        Duration wait = settings.connectTimeout().plus(settings.readTimeout());
        if (deadline.left().compareTo(wait) < 0) {
            wait = deadline.left();
        }
        if (wait.isZero()) {
            log.warn("GitHub took longer than the login deadline ({}) before {} {}", settings.loginDeadline(), request.method(),
                    request.uri().getPath());
            return Outcome.failure(Reason.GITHUB_UNREACHABLE);
        }
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return Outcome.success(answer.get(wait.toNanos(), TimeUnit.NANOSECONDS));
        } catch (ExecutionException | TimeoutException e) {
            // Connection refused or reset, or no whole answer within the bounds.
            answer.cancel(true);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            log.warn("GitHub did not answer {} {}: {}", request.method(), request.uri().getPath(), String.valueOf(cause));
            return Outcome.failure(Reason.GITHUB_UNREACHABLE);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return Outcome.failure(Reason.GITHUB_UNREACHABLE);
        }
    }

    private Optional<JsonNode> parse(HttpResponse<String> response) {
        try {
            return Optional.ofNullable(response.body()).filter(body -> !body.isBlank()).map(json::readTree);
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static <T> Outcome<T> failed(String call, HttpResponse<String> response) {
        log.warn("GitHub's {} answered {} with an unexpected body", call, response.statusCode());
        return Outcome.failure(Reason.GITHUB_FAILED);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() || value.asString().isEmpty() ? null : value.asString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
