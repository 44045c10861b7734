package io.passportsuite.passport.api.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.passport.app.App;
import io.passportsuite.passport.app.AppAdministration;
import io.passportsuite.passport.app.PasswordPolicy;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.web.InternalApi;

/**
 * Internal (never routed by the gateway; guarded by the internal credential): apps and API keys,
 * for the admin back office.
 */
@RestController
@RequestMapping("/internal/apps")
@InternalApi
class InternalAppController {

    private final AppAdministration administration;

    InternalAppController(AppAdministration administration) {
        this.administration = administration;
    }

    @PostMapping
    ResponseEntity<AppView> create(@RequestBody NewAppRequest request) {
        PasswordPolicy defaults = PasswordPolicy.DEFAULT;
        App app = new App(request.appId(), request.name(),
                new PasswordPolicy(orDefault(request.passwordMinLength(), defaults.minLength()),
                        orDefault(request.passwordMaxLength(), defaults.maxLength()),
                        request.passwordLetterAndDigit() == null ? defaults.letterAndDigit() : request.passwordLetterAndDigit()),
                Duration.ofSeconds(orDefault(request.accessTokenTtlSeconds(), 900)),
                Duration.ofSeconds(orDefault(request.refreshTokenTtlSeconds(), 2_592_000)),
                request.loginMethods() == null ? Set.of(App.LOGIN_PASSWORD, App.LOGIN_EMAIL_CODE) : loginMethods(request.loginMethods()),
                Boolean.TRUE.equals(request.registerCaptchaRequired()));
        return ResponseEntity.status(HttpStatus.CREATED).body(AppView.of(value(administration.create(app))));
    }

    @GetMapping("/{appId}")
    AppView get(@PathVariable String appId) {
        return administration.find(appId).map(AppView::of)
                .orElseThrow(() -> Problem.of(Reason.APP_UNKNOWN, appId).raise());
    }

    @PostMapping("/{appId}/api-keys")
    ResponseEntity<NewKeyView> issueKey(@PathVariable String appId, @RequestBody(required = false) NewKeyRequest request) {
        String label = request == null ? null : request.label();
        AppAdministration.NewApiKey key = value(request == null || request.apiKey() == null
                ? administration.issueKey(appId, label)
                : administration.importKey(appId, label, request.apiKey()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new NewKeyView(key.id(), key.appId(), key.prefix(), key.apiKey()));
    }

    @GetMapping("/{appId}/api-keys")
    List<KeyView> listKeys(@PathVariable String appId) {
        return value(administration.listKeys(appId)).stream()
                .map(key -> new KeyView(key.id(), key.prefix(), key.label(), key.createdAt(), key.revokedAt()))
                .toList();
    }

    @DeleteMapping("/{appId}/api-keys/{keyId}")
    ResponseEntity<Void> revokeKey(@PathVariable String appId, @PathVariable UUID keyId) {
        value(administration.revokeKey(appId, keyId));
        return ResponseEntity.noContent().build();
    }

    private static <T> T value(Outcome<T> outcome) {
        return switch (outcome) {
            case Outcome.Success<T> success -> success.value();
            case Outcome.Failure<T> failure -> throw failure.problem().raise();
        };
    }

    /** A null in the list is an unknown method (400 from validation), not a NullPointerException. */
    private static Set<String> loginMethods(List<String> methods) {
        return methods.stream().map(method -> method == null ? "" : method).collect(java.util.stream.Collectors.toSet());
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    record NewAppRequest(
            @JsonProperty("app_id") String appId,
            String name,
            @JsonProperty("password_min_length") Integer passwordMinLength,
            @JsonProperty("password_max_length") Integer passwordMaxLength,
            @JsonProperty("password_letter_and_digit") Boolean passwordLetterAndDigit,
            @JsonProperty("access_token_ttl_seconds") Integer accessTokenTtlSeconds,
            @JsonProperty("refresh_token_ttl_seconds") Integer refreshTokenTtlSeconds,
            @JsonProperty("login_methods") List<String> loginMethods,
            @JsonProperty("register_captcha_required") Boolean registerCaptchaRequired) {
    }

    record AppView(
            @JsonProperty("app_id") String appId,
            String name,
            @JsonProperty("password_min_length") int passwordMinLength,
            @JsonProperty("password_max_length") int passwordMaxLength,
            @JsonProperty("password_letter_and_digit") boolean passwordLetterAndDigit,
            @JsonProperty("access_token_ttl_seconds") long accessTokenTtlSeconds,
            @JsonProperty("refresh_token_ttl_seconds") long refreshTokenTtlSeconds,
            @JsonProperty("login_methods") List<String> loginMethods,
            @JsonProperty("register_captcha_required") boolean registerCaptchaRequired) {

        static AppView of(App app) {
            return new AppView(app.appId(), app.name(), app.passwordPolicy().minLength(), app.passwordPolicy().maxLength(),
                    app.passwordPolicy().letterAndDigit(), app.accessTokenTtl().toSeconds(), app.refreshTokenTtl().toSeconds(),
                    app.loginMethods().stream().sorted().toList(), app.registerCaptchaRequired());
        }
    }

    /** {@code api_key}: a key the app already uses elsewhere, to keep; absent, a new key is made. */
    record NewKeyRequest(String label, @JsonProperty("api_key") String apiKey) {
    }

    record NewKeyView(UUID id, @JsonProperty("app_id") String appId, String prefix, @JsonProperty("api_key") String apiKey) {
    }

    record KeyView(UUID id, String prefix, String label, @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("revoked_at") Instant revokedAt) {
    }
}
