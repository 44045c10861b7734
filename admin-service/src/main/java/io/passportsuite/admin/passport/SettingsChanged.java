package io.passportsuite.admin.passport;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An app's settings before and after a change, as passport applied it, and its GitHub login as it is after it. */
public record SettingsChanged(PassportApp before, PassportApp after, GithubLogin github) {

    /** Never the client secret: only whether one is set. */
    public record GithubLogin(
            boolean configured,
            @JsonProperty("client_id") String clientId,
            @JsonProperty("client_secret_set") boolean clientSecretSet,
            @JsonProperty("redirect_uris") List<String> redirectUris,
            @JsonProperty("web_base_url") String webBaseUrl,
            @JsonProperty("api_base_url") String apiBaseUrl) {
    }
}
