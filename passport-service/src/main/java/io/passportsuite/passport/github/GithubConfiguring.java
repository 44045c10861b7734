package io.passportsuite.passport.github;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;

import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;

/**
 * An operator sets an app's GitHub OAuth app. The client secret is write-only: stored sealed,
 * and every answer says only whether one is set. Checking ({@link #prepare}) comes apart from
 * storing ({@link #store}) so that a change of the app's other settings in the same request is
 * refused or applied together with it. Pointing the stored secret elsewhere (a new client id or
 * base URL) takes the secret in the same change, and GitHub is reached over https only, but on a
 * loopback host.
 */
@Service
public class GithubConfiguring {

    private static final int MAX_REDIRECT_URIS = 20;
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private final GithubAppRepository configurations;

    GithubConfiguring(GithubAppRepository configurations) {
        this.configurations = configurations;
    }

    /**
     * The fields to change; null keeps what is set. A first configuration needs id, secret and
     * redirect URIs; a change of the id or a base URL, the secret too.
     */
    public record Change(String clientId, String clientSecret, List<String> redirectUris, String webBaseUrl, String apiBaseUrl) {
    }

    /** What an operator sees of an app's GitHub configuration: never the secret. */
    public record Summary(String clientId, boolean clientSecretSet, List<String> redirectUris, String webBaseUrl, String apiBaseUrl) {

        static Summary of(GithubApp app) {
            return new Summary(app.clientId(), app.clientSecret() != null, app.redirectUris(), app.webBaseUrl(), app.apiBaseUrl());
        }
    }

    public Optional<Summary> summary(String appId) {
        return configurations.find(appId).map(Summary::of);
    }

    /** The configuration {@code change} leads to, checked, not yet stored. */
    public Outcome<GithubApp> prepare(String appId, Change change) {
        Optional<GithubApp> current = configurations.find(appId);
        String clientId = change.clientId() != null ? change.clientId() : current.map(GithubApp::clientId).orElse(null);
        String secret = change.clientSecret() != null ? change.clientSecret() : current.map(GithubApp::clientSecret).orElse(null);
        List<String> uris = change.redirectUris() != null ? change.redirectUris() : current.map(GithubApp::redirectUris).orElse(null);
        // An Enterprise server is named by its web address; its API is at /api/v3 unless given.
        String web = change.webBaseUrl() != null ? stripSlash(change.webBaseUrl()) : current.map(GithubApp::webBaseUrl).orElse(GithubApp.GITHUB_WEB);
        String api = change.apiBaseUrl() != null ? stripSlash(change.apiBaseUrl())
                : change.webBaseUrl() != null ? (web.equals(GithubApp.GITHUB_WEB) ? GithubApp.GITHUB_API : web + "/api/v3")
                : current.map(GithubApp::apiBaseUrl).orElse(GithubApp.GITHUB_API);
        // The stored secret goes wherever the id and base URLs say: moving them takes knowing the secret.
        boolean moved = current.isPresent() && (!current.get().clientId().equals(clientId) || !current.get().webBaseUrl().equals(web)
                || !current.get().apiBaseUrl().equals(api));
        if (moved && change.clientSecret() == null) {
            return Outcome.failure(Reason.GITHUB_CLIENT_SECRET_REQUIRED);
        }
        if (!visible(clientId, 100)) {
            return Outcome.failure(Reason.GITHUB_CLIENT_ID_INVALID);
        }
        if (!visible(secret, 200)) {
            return Outcome.failure(Reason.GITHUB_CLIENT_SECRET_INVALID);
        }
        if (uris == null || uris.isEmpty() || uris.size() > MAX_REDIRECT_URIS || !uris.stream().allMatch(uri -> webUrl(uri, true))) {
            return Outcome.failure(Reason.GITHUB_REDIRECT_URIS_INVALID);
        }
        Optional<Problem> badBase = !webUrl(web, false) ? Optional.of(Problem.of(Reason.GITHUB_BASE_URL_INVALID, "github.web_base_url"))
                : !webUrl(api, false) ? Optional.of(Problem.of(Reason.GITHUB_BASE_URL_INVALID, "github.api_base_url")) : Optional.empty();
        if (badBase.isPresent()) {
            return Outcome.failure(badBase.get());
        }
        // The secret travels to these hosts: in the clear only to a fake on this machine.
        Optional<Problem> plainBase = !secure(web) ? Optional.of(Problem.of(Reason.GITHUB_BASE_URL_NOT_HTTPS, "github.web_base_url"))
                : !secure(api) ? Optional.of(Problem.of(Reason.GITHUB_BASE_URL_NOT_HTTPS, "github.api_base_url")) : Optional.empty();
        if (plainBase.isPresent()) {
            return Outcome.failure(plainBase.get());
        }
        return Outcome.success(new GithubApp(appId, clientId, secret, List.copyOf(uris), web, api));
    }

    public Summary store(GithubApp app) {
        configurations.save(app);
        return Summary.of(app);
    }

    private static boolean visible(String value, int max) {
        return value != null && !value.isEmpty() && value.length() <= max && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private static boolean webUrl(String value, boolean queryAllowed) {
        if (value == null || value.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawFragment() == null && (queryAllowed || uri.getRawQuery() == null);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean secure(String url) {
        URI uri = URI.create(url);
        return "https".equals(uri.getScheme()) || LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
