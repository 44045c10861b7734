package io.passportsuite.admin.passport;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An app (a tenant) with its settings, as passport shows it. */
public record PassportApp(
        @JsonProperty("app_id") String appId,
        String name,
        @JsonProperty("password_min_length") int passwordMinLength,
        @JsonProperty("password_max_length") int passwordMaxLength,
        @JsonProperty("password_letter_and_digit") boolean passwordLetterAndDigit,
        @JsonProperty("access_token_ttl_seconds") long accessTokenTtlSeconds,
        @JsonProperty("refresh_token_ttl_seconds") long refreshTokenTtlSeconds,
        @JsonProperty("login_methods") List<String> loginMethods,
        @JsonProperty("register_captcha_required") boolean registerCaptchaRequired) {
}
