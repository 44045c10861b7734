package io.passportsuite.passport.token;

import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;

/** The shape of a passport access token (RFC 9068 profile), shared by issuing and verifying. */
final class AccessTokenFormat {

    static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");
    /** {@code typ} values accepted on verification: ours, its media-type spelling, and the generic one. */
    static final Set<String> ACCEPTED_TYPES = Set.of("at+jwt", "application/at+jwt", "jwt");
    /** Larger input is refused before any decoding. */
    static final int MAX_TOKEN_LENGTH = 8 * 1024;

    static final String APP_ID = "app_id";
    static final String ROLE = "role";
    static final String SESSION_ID = "sid";

    private AccessTokenFormat() {
    }
}
