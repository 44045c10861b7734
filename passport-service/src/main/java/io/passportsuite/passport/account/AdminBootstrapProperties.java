package io.passportsuite.passport.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The administrator created at start-up in the platform app when no account has its username
 * ({@code ADMIN_BOOTSTRAP_USERNAME}, {@code ADMIN_BOOTSTRAP_PASSWORD}); both unset, none is.
 */
@ConfigurationProperties("passport.admin.bootstrap")
record AdminBootstrapProperties(String username, String password) {

    boolean configured() {
        return present(username) || present(password);
    }

    boolean complete() {
        return present(username) && present(password);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
