package io.passportsuite.passport.github;

import java.util.List;

/**
 * An app's GitHub OAuth app: its credentials, the redirect URIs its web flow may use, and where
 * GitHub is (github.com, or a GitHub Enterprise Server: web {@code https://HOST}, API
 * {@code https://HOST/api/v3}). The secret is null when the stored one no longer decrypts.
 */
public record GithubApp(String appId, String clientId, String clientSecret, List<String> redirectUris, String webBaseUrl,
        String apiBaseUrl) {

    public static final String GITHUB_WEB = "https://github.com";
    public static final String GITHUB_API = "https://api.github.com";

    public GithubApp {
        redirectUris = List.copyOf(redirectUris);
    }

    @Override
    public String toString() {
        // The secret stays out of logs and exception messages.
        return "GithubApp[appId=" + appId + ", clientId=" + clientId + ", redirectUris=" + redirectUris + ", webBaseUrl=" + webBaseUrl
                + ", apiBaseUrl=" + apiBaseUrl + "]";
    }
}
