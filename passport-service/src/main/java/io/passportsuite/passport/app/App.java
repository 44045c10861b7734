package io.passportsuite.passport.app;

import java.time.Duration;
import java.util.Set;

/**
 * A tenant: an app whose users, keys and policies are its own. {@code registerCaptchaRequired}:
 * the canonical API registers only with a code sent to the contact ({@code captcha_register}).
 */
public record App(
        String appId,
        String name,
        PasswordPolicy passwordPolicy,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        Set<String> loginMethods,
        boolean registerCaptchaRequired) {

    public static final String LOGIN_PASSWORD = "password";
    public static final String LOGIN_EMAIL_CODE = "email_code";
    public static final String LOGIN_GITHUB = "github";

    public boolean allows(String loginMethod) {
        return loginMethods.contains(loginMethod);
    }
}
