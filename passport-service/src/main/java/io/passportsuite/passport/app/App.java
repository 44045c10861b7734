package io.passportsuite.passport.app;

import java.time.Duration;
import java.util.Set;

/** A tenant: an app whose users, keys and policies are its own. */
public record App(
        String appId,
        String name,
        PasswordPolicy passwordPolicy,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        Set<String> loginMethods) {

    public static final String LOGIN_PASSWORD = "password";
    public static final String LOGIN_EMAIL_CODE = "email_code";
    public static final String LOGIN_GITHUB = "github";

    public boolean allows(String loginMethod) {
        return loginMethods.contains(loginMethod);
    }
}
