package io.passportsuite.passport.code;

import io.passportsuite.common.events.notification.NotificationRequested;

/** What a code proves; a code issued for one purpose never passes for another. */
public enum CodePurpose {
    REGISTER("register", NotificationRequested.VERIFICATION_CODE),
    LOGIN("login", NotificationRequested.VERIFICATION_CODE),
    RESET_PASSWORD("reset_password", NotificationRequested.PASSWORD_RESET),
    VERIFY_EMAIL("verify_email", NotificationRequested.VERIFICATION_CODE);

    private final String stored;
    private final String template;

    CodePurpose(String stored, String template) {
        this.stored = stored;
        this.template = template;
    }

    String stored() {
        return stored;
    }

    String template() {
        return template;
    }
}
