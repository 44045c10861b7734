package io.passportsuite.admin.passport;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Settings of an app to set; a null field is left out, and passport keeps (or, creating, defaults) it.
 * {@code github}: the app's GitHub OAuth app, on a change only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppSettingsChange(
        String name,
        @JsonProperty("password_min_length") Integer passwordMinLength,
        @JsonProperty("password_max_length") Integer passwordMaxLength,
        @JsonProperty("password_letter_and_digit") Boolean passwordLetterAndDigit,
        @JsonProperty("access_token_ttl_seconds") Integer accessTokenTtlSeconds,
        @JsonProperty("refresh_token_ttl_seconds") Integer refreshTokenTtlSeconds,
        @JsonProperty("login_methods") List<String> loginMethods,
        @JsonProperty("register_captcha_required") Boolean registerCaptchaRequired,
        GithubChange github) {

    /** The GitHub OAuth app's fields to set; the secret goes to passport and nowhere else (not to the trail). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GithubChange(
            @JsonProperty("client_id") String clientId,
            @JsonProperty("client_secret") String clientSecret,
            @JsonProperty("redirect_uris") List<String> redirectUris,
            @JsonProperty("web_base_url") String webBaseUrl,
            @JsonProperty("api_base_url") String apiBaseUrl) {
    }
}
