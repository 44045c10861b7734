package io.passportsuite.admin.api.envelope;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.passportsuite.admin.passport.AppSettingsChange;
import io.passportsuite.admin.web.Refusal;
import tools.jackson.databind.JsonNode;

/**
 * An app's settings as an operator sends them, checked for type here and for bounds by passport,
 * which owns them. A field this surface does not know is refused rather than ignored: a misspelt
 * setting silently left as it was is worse than a 400.
 */
final class AppBodies {

    static final Set<String> SETTINGS = Set.of("name", "password_min_length", "password_max_length", "password_letter_and_digit",
            "access_token_ttl_seconds", "refresh_token_ttl_seconds", "login_methods", "register_captcha_required");
    /** What a change may set besides the settings an app is created with. */
    static final Set<String> CHANGES = union(SETTINGS, "github");
    private static final Set<String> GITHUB = Set.of("client_id", "client_secret", "redirect_uris", "web_base_url", "api_base_url");
    private static final int MAX_TEXT = 1024;

    private AppBodies() {
    }

    static AppSettingsChange settings(JsonNode body, Set<String> allowed) {
        for (String field : body.propertyNames()) {
            if (!allowed.contains(field)) {
                throw refused("不支持的字段: " + (field.length() > 64 ? field.substring(0, 64) : field));
            }
        }
        return new AppSettingsChange(text(body, "name"), integer(body, "password_min_length"), integer(body, "password_max_length"),
                bool(body, "password_letter_and_digit"), integer(body, "access_token_ttl_seconds"),
                integer(body, "refresh_token_ttl_seconds"), texts(body, "login_methods"), bool(body, "register_captcha_required"),
                github(body.get("github")));
    }

    private static AppSettingsChange.GithubChange github(JsonNode github) {
        if (github == null || github.isNull()) {
            return null;
        }
        if (!github.isObject()) {
            throw refused("github 必须是对象");
        }
        for (String field : github.propertyNames()) {
            if (!GITHUB.contains(field)) {
                throw refused("github 不支持的字段: " + (field.length() > 64 ? field.substring(0, 64) : field));
            }
        }
        return new AppSettingsChange.GithubChange(text(github, "client_id"), text(github, "client_secret"),
                urls(github, "redirect_uris"), text(github, "web_base_url"), text(github, "api_base_url"));
    }

    private static List<String> urls(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray() || value.size() > 20) {
            throw refused("github." + field + " 必须是不超过 20 个地址的字符串数组");
        }
        List<String> urls = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isString() || element.asString().length() > 2048) {
                throw refused("github." + field + " 必须是不超过 20 个地址的字符串数组");
            }
            urls.add(element.asString());
        }
        return urls;
    }

    private static Set<String> union(Set<String> fields, String... more) {
        Set<String> all = new java.util.HashSet<>(fields);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }

    /** A string when present, null when absent or null. */
    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() || value.asString().length() > MAX_TEXT || value.asString().indexOf('\0') >= 0) {
            throw refused(field + " 必须是不超过 " + MAX_TEXT + " 个字符的字符串");
        }
        return value.asString();
    }

    private static Integer integer(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw refused(field + " 必须是整数");
        }
        return value.asInt();
    }

    private static Boolean bool(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw refused(field + " 必须是 true 或 false");
        }
        return value.asBoolean();
    }

    private static List<String> texts(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray() || value.size() > 16) {
            throw refused(field + " 必须是字符串数组");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isString() || element.asString().length() > 64) {
                throw refused(field + " 必须是字符串数组");
            }
            texts.add(element.asString());
        }
        return texts;
    }

    private static Refusal refused(String message) {
        return new Refusal(AppRefusals.FAILS_AS, 400, message);
    }
}
