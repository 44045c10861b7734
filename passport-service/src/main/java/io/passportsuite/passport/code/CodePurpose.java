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

    /** The name the purpose is stored and shown under: {@code register}, {@code login}, {@code reset_password}, {@code verify_email}. */
    public String stored() {
        return stored;
    }

    static CodePurpose ofStored(String stored) {
        for (CodePurpose purpose : values()) {
            if (purpose.stored.equals(stored)) {
                return purpose;
            }
        }
        throw new IllegalArgumentException("unknown code purpose " + stored);
    }

    String template() {
        return template;
    }
}
