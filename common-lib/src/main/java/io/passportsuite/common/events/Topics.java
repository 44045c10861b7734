package io.passportsuite.common.events;

/** Kafka topic names. The version suffix changes only with an incompatible envelope change. */
public final class Topics {

    /**
     * Account lifecycle: registered, profile updated, logged in, disabled... keyed by user id. Also
     * carries {@code user.session-revoked} (logout, refresh-token reuse, password change, disable),
     * in order with the other events of the same user; the gateway's deny-list reads it from here.
     */
    public static final String USER_EVENTS = "passport.user-events.v1";

    /** Messages to deliver (verification codes, password resets, welcome mails). */
    public static final String NOTIFICATION_REQUESTS = "notification.requests.v1";

    /** Notification requests that failed every retry. */
    public static final String NOTIFICATION_REQUESTS_DEAD_LETTER = "notification.requests.v1.dlt";

    /**
     * Memberships: {@code membership.changed} with a user's whole membership after every change,
     * keyed by user id. Passport keeps each user's capabilities from it for the tokens it issues.
     */
    public static final String MEMBERSHIP_EVENTS = "membership.events.v1";

    /** Uploaded files: {@code asset.uploaded} and {@code asset.deleted}, keyed by file id. */
    public static final String ASSET_EVENTS = "asset.events.v1";

    /**
     * Every service's log lines, one record per line: the ECS JSON line its log file holds, keyed
     * by the service name. admin-service collects them for the back office.
     */
    public static final String LOGS = "suite.logs.v1";

    private Topics() {
    }
}
