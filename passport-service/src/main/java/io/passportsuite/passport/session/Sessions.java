package io.passportsuite.passport.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.common.eventing.OutboxWriter;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.user.SessionRevoked;
import io.passportsuite.common.events.user.UserLoggedIn;
import io.passportsuite.passport.app.App;
import io.passportsuite.passport.app.AppRepository;
import io.passportsuite.passport.app.CachedApps;
import io.passportsuite.passport.membership.CapabilityProjection;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.token.AccessTokenRequest;
import io.passportsuite.passport.token.AccessTokens;
import io.passportsuite.passport.token.IssuedAccessToken;

/**
 * Sessions: one per login (per device), with a family of refresh tokens rotated on every use.
 * A rotated token presented again after the grace window is taken as stolen and revokes the
 * whole session; within the window it returns the same successor, so a retried request does not
 * lock the user out. Row locks on the token and its session serialise parallel refreshes: two
 * requests with one token never yield two live successors.
 */
@Service
public class Sessions {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    /** {@code app_user.status} of a user who may log in. */
    private static final String ACTIVE = "active";

    private final SessionRepository sessions;
    private final RefreshTokenRepository refreshTokens;
    private final SecurityEventRepository securityEvents;
    private final AppRepository apps;
    private final CachedApps cachedApps;
    private final RefreshTokenCodec codec;
    private final AccessTokens accessTokens;
    private final OutboxWriter outbox;
    private final TransactionTemplate transaction;
    private final SessionSettings settings;
    private final Clock clock;
    private final UsableSessions usableSessions;
    private final CapabilityProjection capabilities;
    private final ApplicationEventPublisher notices;

    Sessions(SessionRepository sessions, RefreshTokenRepository refreshTokens, SecurityEventRepository securityEvents, AppRepository apps, CachedApps cachedApps, RefreshTokenCodec codec, AccessTokens accessTokens, OutboxWriter outbox,
            TransactionTemplate transaction, SessionSettings settings, Clock clock, CapabilityProjection capabilities,
            ApplicationEventPublisher notices) {
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.securityEvents = securityEvents;
        this.apps = apps;
        this.cachedApps = cachedApps;
        this.codec = codec;
        this.accessTokens = accessTokens;
        this.outbox = outbox;
        this.transaction = transaction;
        this.settings = settings;
        this.clock = clock;
        this.capabilities = capabilities;
        this.notices = notices;
        this.usableSessions = new UsableSessions((sessionId, userId) -> sessions.sessionUsable(sessionId, userId, clock.instant()));
    }

    /**
     * Opens a session for a user who just proved who they are, and records the login event. The
     * user's row is locked while the session is written: an account deletion (which locks the row
     * first) either waits for the session, and ends it, or has committed, and the login finds no
     * user ({@link Reason#USER_NOT_FOUND}); a disabling that committed meanwhile answers
     * {@link Reason#ACCOUNT_DISABLED}.
     */
    public Outcome<SessionTokens> open(App app, UUID userId, int role, String method, ClientInfo client) {
        Instant now = clock.instant();
        UUID sessionId = UUID.randomUUID();
        String refreshToken = codec.newToken();
        Instant expiresAt = now.plus(app.refreshTokenTtl());
        Optional<Reason> refused = transaction.execute(status -> {
            Optional<String> userStatus = sessions.lockUserStatus(app.appId(), userId);
            if (userStatus.isEmpty()) {
                return Optional.of(Reason.USER_NOT_FOUND);
            }
            if (!ACTIVE.equals(userStatus.get())) {
                return Optional.of(Reason.ACCOUNT_DISABLED);
            }
            sessions.insertSession(sessionId, app.appId(), userId, method, now, expiresAt, client.userAgent(), client.ip());
            refreshTokens.insert(RefreshTokenCodec.hash(refreshToken), sessionId, now);
            outbox.append(Topics.USER_EVENTS, UserLoggedIn.TYPE, UserLoggedIn.VERSION, app.appId(), userId.toString(),
                    new UserLoggedIn(userId, sessionId, method, client.ip()));
            return Optional.<Reason>empty();
        });
        if (refused.isPresent()) {
            log.info("No session opened for user {} of app {}: {}", userId, app.appId(), refused.get());
            return Outcome.failure(refused.get());
        }
        IssuedAccessToken access = accessTokens.issue(new AccessTokenRequest(app.appId(), userId, role, sessionId, app.accessTokenTtl(),
                capabilities.capabilitiesOf(app.appId(), userId)));
        return Outcome.success(new SessionTokens(sessionId, access, refreshToken, expiresAt));
    }

    /** Trades a refresh token of {@code appId} for a new access token and the next refresh token. */
    public Outcome<SessionTokens> refresh(String appId, String refreshToken) {
        if (!RefreshTokenCodec.plausible(refreshToken)) {
            return Outcome.failure(Reason.REFRESH_TOKEN_INVALID);
        }
        Instant now = clock.instant();
        String hash = RefreshTokenCodec.hash(refreshToken);
        Rotation rotation = transaction.execute(status -> rotate(appId, refreshToken, hash, now));
        if (rotation instanceof Rotation.Rejected rejected) {
            return Outcome.failure(rejected.problem());
        }
        Rotation.Rotated rotated = (Rotation.Rotated) rotation;
        App app = rotated.app();
        IssuedAccessToken access = accessTokens.issue(new AccessTokenRequest(rotated.appId(), rotated.userId(), rotated.role(),
                rotated.sessionId(), app.accessTokenTtl(), rotated.capabilities()));
        return Outcome.success(new SessionTokens(rotated.sessionId(), access, rotated.refreshToken(), rotated.expiresAt()));
    }

    private Rotation rotate(String appId, String token, String hash, Instant now) {
        Optional<RefreshTokenRepository.RefreshTokenState> found = refreshTokens.lock(hash);
        if (found.isEmpty() || !found.get().appId().equals(appId)) {
            return Rotation.rejected(Reason.REFRESH_TOKEN_INVALID);
        }
        RefreshTokenRepository.RefreshTokenState state = found.get();
        if (state.sessionRevokedAt() != null || !state.sessionExpiresAt().isAfter(now) || !state.userActive()) {
            return Rotation.rejected(Reason.REFRESH_TOKEN_INVALID);
        }
        String successor = codec.successorOf(token);
        String successorHash = RefreshTokenCodec.hash(successor);
        // Read once here for the rotation and the access token after it, from the few seconds' copy:
        // the app row was one of the five round trips of the hottest write path. (A revocation's
        // deny-list entry reads the app itself: its access-token lifetime must be the current one.)
        App app = cachedApps.find(state.appId()).orElseThrow();
        if (state.rotatedAt() == null) {
            Instant expiresAt = now.plus(app.refreshTokenTtl());
            refreshTokens.rotate(hash, successorHash, state.sessionId(), now, expiresAt);
            return new Rotation.Rotated(state.sessionId(), app, state.userId(), state.role(), state.capabilities(), successor, expiresAt);
        }
        boolean withinGrace = !now.isAfter(state.rotatedAt().plus(settings.refreshGrace()));
        if (withinGrace && successorHash.equals(state.successorHash()) && refreshTokens.successorUnused(successorHash)) {
            return new Rotation.Rotated(state.sessionId(), app, state.userId(), state.role(), state.capabilities(), successor,
                    state.sessionExpiresAt());
        }
        // A rotated token came back: someone kept a copy. End the session for both holders.
        log.warn("Refresh token reuse on session {} of user {}: session revoked", state.sessionId(), state.userId());
        securityEvents.record(state.appId(), state.userId(), state.sessionId(), "refresh_token_reuse",
                "{\"rotated_at\":\"" + state.rotatedAt() + "\"}");
        revokeInTransaction(state.sessionId(), SessionRevoked.REFRESH_TOKEN_REUSE, now);
        return Rotation.rejected(Reason.REFRESH_TOKEN_REUSED);
    }

    /** Ends one session (logout); true when it was live. */
    public boolean revoke(UUID sessionId, String reason) {
        Boolean revoked = transaction.execute(status -> revokeInTransaction(sessionId, reason, clock.instant()));
        return Boolean.TRUE.equals(revoked);
    }

    /** The user's live sessions, the {@code max} most recently used, and how many there are in all. */
    public record LiveSessions(List<SessionSummary> sessions, long total) {
    }

    public LiveSessions liveOf(UUID userId, int max) {
        Instant now = clock.instant();
        return new LiveSessions(sessions.liveOfUser(userId, now, max), sessions.countLiveOfUser(userId, now));
    }

    /**
     * Ends one session of the user (an operator's doing): its tokens are refused from now on, at
     * the gateway too. True when the session is the user's, whether it was live or had ended.
     */
    public boolean revokeOfUser(UUID userId, UUID sessionId, String reason) {
        Boolean theirs = transaction.execute(status -> {
            Instant now = clock.instant();
            Optional<SessionRepository.LiveSession> live = sessions.revokeOfUser(sessionId, userId, reason, now);
            live.ifPresent(session -> recordRevocation(session, reason, now));
            return live.isPresent() || sessions.belongsTo(sessionId, userId);
        });
        return Boolean.TRUE.equals(theirs);
    }

    /** Ends every session of a user, inside the caller's transaction. */
    public List<UUID> revokeAllOfUser(UUID userId, String reason) {
        return revokeAllOfUserExcept(userId, null, reason);
    }

    /** Ends every session of a user but {@code keep} (may be null), inside the caller's transaction. */
    public List<UUID> revokeAllOfUserExcept(UUID userId, UUID keep, String reason) {
        Instant now = clock.instant();
        List<SessionRepository.LiveSession> ended = sessions.revokeAllOfUser(userId, keep, reason, now);
        ended.forEach(session -> recordRevocation(session, reason, now));
        return ended.stream().map(SessionRepository.LiveSession::id).toList();
    }

    /**
     * Erases every session of a user, its refresh tokens and the user's security history, inside the
     * caller's transaction: for an account being deleted. Revoke the live ones first
     * ({@link #revokeAllOfUser}), so that the gateway hears of each and refuses their access tokens.
     */
    public void eraseAllOfUser(UUID userId) {
        sessions.deleteAllOfUser(userId);
        securityEvents.deleteAllOfUser(userId);
    }

    /** Records what happened to an account for its security history, inside the caller's transaction. */
    public void recordSecurityEvent(String appId, UUID userId, String type, String detailJson) {
        securityEvents.record(appId, userId, null, type, detailJson);
    }

    /** Whether an access token's session still stands: not revoked, not expired, its user active. */
    public boolean usable(UUID sessionId, UUID userId) {
        return usableSessions.usable(sessionId, userId);
    }

    private boolean revokeInTransaction(UUID sessionId, String reason, Instant now) {
        Optional<SessionRepository.LiveSession> session = sessions.revoke(sessionId, reason, now);
        session.ifPresent(live -> recordRevocation(live, reason, now));
        return session.isPresent();
    }

    /** Forgets the cached state now and once more after the revoking transaction commits. */
    private void forgetUsable(SessionRepository.LiveSession session) {
        usableSessions.forget(session.id(), session.userId());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    usableSessions.forget(session.id(), session.userId());
                }
            });
        }
    }

    private void recordRevocation(SessionRepository.LiveSession session, String reason, Instant now) {
        forgetUsable(session);
        notices.publishEvent(new SessionsEnded(session.userId()));
        Instant tokensValidUntil = now.plus(apps.find(session.appId()).map(App::accessTokenTtl).orElseThrow());
        outbox.append(Topics.USER_EVENTS, SessionRevoked.TYPE, SessionRevoked.VERSION, session.appId(), session.userId().toString(),
                new SessionRevoked(session.userId(), session.id(), reason, tokensValidUntil));
    }

    private sealed interface Rotation {

        static Rotation rejected(Reason reason) {
            return new Rejected(Problem.of(reason));
        }

        record Rotated(UUID sessionId, App app, UUID userId, int role, List<String> capabilities, String refreshToken, Instant expiresAt)
                implements Rotation {

            String appId() {
                return app.appId();
            }
        }

        record Rejected(Problem problem) implements Rotation {
        }
    }
}
