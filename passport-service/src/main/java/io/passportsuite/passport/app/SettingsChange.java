package io.passportsuite.passport.app;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The settings of an app to change; a null field keeps what the app has. */
public record SettingsChange(
        String name,
        Integer passwordMinLength,
        Integer passwordMaxLength,
        Boolean passwordLetterAndDigit,
        Integer accessTokenTtlSeconds,
        Integer refreshTokenTtlSeconds,
        List<String> loginMethods,
        Boolean registerCaptchaRequired) {

    App appliedTo(App app) {
        PasswordPolicy policy = app.passwordPolicy();
        return new App(app.appId(),
                name == null ? app.name() : name,
                new PasswordPolicy(passwordMinLength == null ? policy.minLength() : passwordMinLength,
                        passwordMaxLength == null ? policy.maxLength() : passwordMaxLength,
                        passwordLetterAndDigit == null ? policy.letterAndDigit() : passwordLetterAndDigit),
                accessTokenTtlSeconds == null ? app.accessTokenTtl() : Duration.ofSeconds(accessTokenTtlSeconds),
                refreshTokenTtlSeconds == null ? app.refreshTokenTtl() : Duration.ofSeconds(refreshTokenTtlSeconds),
                loginMethods == null ? app.loginMethods() : methods(),
                registerCaptchaRequired == null ? app.registerCaptchaRequired() : registerCaptchaRequired);
    }

    /** A null among the methods is no method: kept as one no app allows, so the change is refused, not failed. */
    private Set<String> methods() {
        return loginMethods.stream().map(method -> method == null ? "" : method).collect(Collectors.toSet());
    }
}
