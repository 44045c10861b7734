package io.passportsuite.admin.apps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import io.passportsuite.admin.audit.AuditedAction;

import io.passportsuite.admin.passport.ApiKey;
import io.passportsuite.admin.passport.AppSettingsChange;
import io.passportsuite.admin.passport.PassportApp;
import io.passportsuite.admin.passport.PassportReply;
import io.passportsuite.admin.passport.SettingsChanged;

/** What the trail keeps of an app and of a key: their settings, never a key's secret. */
final class AppAudit {

    static final String APP = "app";
    static final String API_KEY = "api_key";

    private AppAudit() {
    }

    static Map<String, Object> settingsOf(PassportApp app) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("name", app.name());
        settings.put("password_min_length", app.passwordMinLength());
        settings.put("password_max_length", app.passwordMaxLength());
        settings.put("password_letter_and_digit", app.passwordLetterAndDigit());
        settings.put("access_token_ttl_seconds", app.accessTokenTtlSeconds());
        settings.put("refresh_token_ttl_seconds", app.refreshTokenTtlSeconds());
        settings.put("login_methods", app.loginMethods());
        settings.put("register_captcha_required", app.registerCaptchaRequired());
        return settings;
    }

    /** The key as operators tell it apart; {@code label} may be null, which {@link Map#of} refuses. */
    static Map<String, Object> keyOf(String prefix, String label, boolean revoked) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("prefix", prefix);
        key.put("label", label);
        key.put("revoked", revoked);
        return key;
    }

    /**
     * The row for passport's reply: {@code done} for an answer, {@code asked} marked as of unknown
     * outcome when passport may have acted without answering, none when it did not act.
     */
    static <T> Optional<AuditedAction> rowOf(PassportReply<T> reply, Function<T, AuditedAction> done, AuditedAction asked) {
        if (reply instanceof PassportReply.Answered<T>(T value)) {
            return Optional.of(done.apply(value));
        }
        return reply.outcomeUnknown() ? Optional.of(asked.outcomeUnknown()) : Optional.empty();
    }

    /** The settings asked for, as {@link #settingsOf(PassportApp)} keeps them: those left out are absent. */
    static Map<String, Object> settingsOf(AppSettingsChange change) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("name", change.name());
        settings.put("password_min_length", change.passwordMinLength());
        settings.put("password_max_length", change.passwordMaxLength());
        settings.put("password_letter_and_digit", change.passwordLetterAndDigit());
        settings.put("access_token_ttl_seconds", change.accessTokenTtlSeconds());
        settings.put("refresh_token_ttl_seconds", change.refreshTokenTtlSeconds());
        settings.put("login_methods", change.loginMethods());
        settings.put("register_captcha_required", change.registerCaptchaRequired());
        settings.put("github", change.github() == null ? null : githubOf(change.github()));
        settings.values().removeIf(Objects::isNull);
        return settings;
    }

    /** The settings after a change, with the GitHub login as passport shows it when the change set it. */
    static Map<String, Object> settingsOf(PassportApp app, AppSettingsChange change, SettingsChanged.GithubLogin github) {
        Map<String, Object> settings = settingsOf(app);
        if (change.github() != null && github != null) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("client_id", github.clientId());
            shown.put("client_secret_set", github.clientSecretSet());
            shown.put("redirect_uris", github.redirectUris());
            shown.put("web_base_url", github.webBaseUrl());
            shown.put("api_base_url", github.apiBaseUrl());
            settings.put("github", shown);
        }
        return settings;
    }

    /** A GitHub change as the trail keeps it: that a secret was sent, never the secret. */
    private static Map<String, Object> githubOf(AppSettingsChange.GithubChange github) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("client_id", github.clientId());
        shown.put("client_secret_set", github.clientSecret() != null ? Boolean.TRUE : null);
        shown.put("redirect_uris", github.redirectUris());
        shown.put("web_base_url", github.webBaseUrl());
        shown.put("api_base_url", github.apiBaseUrl());
        shown.values().removeIf(Objects::isNull);
        return shown;
    }

    static Map<String, Object> keyOf(ApiKey key) {
        return keyOf(key.prefix(), key.label(), key.revokedAt() != null);
    }
}
