package io.passportsuite.admin.apps;

import java.util.LinkedHashMap;
import java.util.Map;

import io.passportsuite.admin.passport.ApiKey;
import io.passportsuite.admin.passport.PassportApp;

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

    static Map<String, Object> keyOf(ApiKey key) {
        return keyOf(key.prefix(), key.label(), key.revokedAt() != null);
    }
}
