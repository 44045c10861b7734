package io.passportsuite.passport.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.common.token.AccessTokenCheck;
import io.passportsuite.common.token.AccessTokenClaims;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.token.AccessTokens;

/**
 * Accepts an access token only when its signature and times verify, it was issued for the app
 * asking, its session was not revoked and its user is not disabled. A revoked session or a
 * disabled user therefore stops every token at once, not when the token expires.
 */
@Service
public class AccessTokenAuthentication {

    private final AccessTokens tokens;
    private final Sessions sessions;

    AccessTokenAuthentication(AccessTokens tokens, Sessions sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    /** {@code authorization} is the raw {@code Authorization} header. */
    public Outcome<Authenticated> fromHeader(String authorization, String appId) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Outcome.failure(Reason.BEARER_TOKEN_REQUIRED);
        }
        return authenticate(authorization.substring(7).trim(), appId);
    }

    public Outcome<Authenticated> authenticate(String token, String appId) {
        return check(token, appId);
    }

    /** For the suite's own services, which may check a token of any app. */
    public Outcome<Authenticated> authenticateForAnyApp(String token) {
        return check(token, null);
    }

    private Outcome<Authenticated> check(String token, String appId) {
        if (token == null || token.isBlank()) {
            return Outcome.failure(Reason.TOKEN_REQUIRED);
        }
        if (!(tokens.verify(token) instanceof AccessTokenCheck.Valid(AccessTokenClaims verified))) {
            return Outcome.failure(Reason.TOKEN_INVALID);
        }
        boolean appMatches = appId == null || verified.appId().equals(appId);
        if (!appMatches || !sessions.usable(verified.sessionId(), verified.userId())) {
            return Outcome.failure(Reason.TOKEN_INVALID);
        }
        return Outcome.success(new Authenticated(verified.userId(), verified.appId(), verified.role(), verified.sessionId(),
                verified.expiresAt(), verified.capabilities()));
    }

    /** {@code capabilities} are those the token was issued with. */
    public record Authenticated(UUID userId, String appId, int role, UUID sessionId, Instant expiresAt,
            List<String> capabilities) {
    }
}
