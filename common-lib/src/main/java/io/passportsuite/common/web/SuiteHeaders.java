package io.passportsuite.common.web;

import java.util.List;

/**
 * Headers the gateway sets for the services behind it. The gateway strips every one of these
 * from incoming requests before setting them from a verified token, so a client can never
 * claim an identity; services accept them only together with the gateway's credential.
 */
public final class SuiteHeaders {

    /** Correlates a request across gateway, services and logs; accepted from clients. */
    public static final String REQUEST_ID = "X-Request-Id";

    public static final String USER_ID = "X-Passport-User-Id";
    public static final String USER_ROLE = "X-Passport-User-Role";
    public static final String APP_ID = "X-Passport-App-Id";
    public static final String SESSION_ID = "X-Passport-Session-Id";
    /** The capabilities the access token carries ({@code caps}), comma-separated; absent when none. */
    public static final String USER_CAPABILITIES = "X-Passport-User-Capabilities";

    /**
     * The client's address as the gateway determined it (the peer, or from {@code X-Forwarded-For}
     * only through a trusted proxy). Services behind the gateway see the gateway as their peer.
     */
    public static final String CLIENT_IP = "X-Passport-Client-Ip";

    /** Proves a request came through the gateway (or another service), not from outside. */
    public static final String INTERNAL_CREDENTIAL = "X-Passport-Internal-Credential";

    /**
     * On passport's answers only: the users (ids, one value each) some of whose sessions the request
     * just ended. The gateway forgets the token validations it answers itself for those users at
     * once, rather than when the revocation event reaches it, and never passes the header on.
     */
    public static final String SESSIONS_REVOKED = "X-Passport-Sessions-Revoked";

    /**
     * On passport's answers only: the users (ids, one value each) whose profile the request just
     * changed. The gateway stops giving the profiles it answers {@code GET /api/auth/me} with itself
     * for those users at once, and never passes the header on.
     */
    public static final String USERS_CHANGED = "X-Passport-Users-Changed";

    /** Identity headers a client must never be able to set. */
    public static final List<String> IDENTITY_HEADERS =
            List.of(USER_ID, USER_ROLE, APP_ID, SESSION_ID, USER_CAPABILITIES, CLIENT_IP, INTERNAL_CREDENTIAL);

    private SuiteHeaders() {
    }
}
