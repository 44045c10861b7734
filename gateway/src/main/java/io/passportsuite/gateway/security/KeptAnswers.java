package io.passportsuite.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;

import io.passportsuite.common.token.AccessTokenClaims;

/**
 * Passport's 200 answers that the gateway gives again itself, for at most {@code answerFor}, per
 * app and token: to {@code POST /auth/v1/token/validate} ({@link LocalTokenValidation}) and to
 * {@code GET /api/auth/me} ({@link LocalProfileAnswer}), one instance each.
 *
 * <p>Why: an app's backend validates its user's token on each of its own requests, and a client
 * asks who its user is on each screen, so the same token arrives again and again; each answer is
 * a function of the token (its claims), of whether its session still stands and, for a profile, of
 * rows that change rarely. Answering here for a moment takes the second process, and the hop to
 * it, off the hottest paths of the suite while keeping passport the source of truth: every answer
 * given here is one passport gave for the same app and token within that time.
 *
 * <p>An answer is dropped before its time when the gateway's deny-list names its session (the
 * revocation event), when passport's answer to a request routed through this gateway names its
 * user ({@code X-Passport-Sessions-Revoked}: a logout is refused at once), when its user changed
 * something through this gateway ({@link #forgetUser}: a profile just saved is read back as saved),
 * or when the token expires. An answer passport gave to a request sent before such a notice is not
 * kept: passport may have read the state before the change committed. Only 200 answers are kept,
 * only for tokens this gateway verified itself as tokens of that app, and within {@code maxBytes}.
 *
 * <p>A token still in use is asked again before its answer's time is up: the first request in the
 * last fifth of that time is answered here as the others, and this gateway asks passport once
 * more for it in the background ({@link #claimRefresh}). So a client sending the same token on
 * every request rarely waits for passport's round trip (which took 5-30 ms at the 90th
 * percentile on a busy machine), and every answer is still one passport gave within
 * {@code answerFor}: a refresh that fails leaves the answer to end at its time, one that passport
 * refuses ends it at once. The last fifth, not the second half: passport then answers a token
 * in use about a third more often than without refreshing (every 4/5 of {@code answerFor}
 * instead of every {@code answerFor} and a little more), where refreshing at half time doubled it
 * and, on 2 shared cores, took more from the gateway's throughput than the waits it saved.
 */
final class KeptAnswers {

    /** What passport answered to a request sent at {@code askedAt}, and what decides how long it holds. */
    record Answer(byte[] body, UUID userId, UUID sessionId, Instant tokenExpiresAt, Instant askedAt) {
    }

    private record Key(String appId, String token) {
    }

    /** Per entry beyond the token and the body: the records, the strings' headers, the cache's node. */
    private static final int ENTRY_OVERHEAD = 256;

    private final Cache<Key, Answer> answers;
    /** When each user's answers were last dropped, for as long as an answer asked before may still arrive. */
    private final Cache<UUID, Instant> forgotten;
    /** Answers asked at or before this ended: the latest mark {@link #forgotten} had to let go of. */
    private final AtomicReference<Instant> floor = new AtomicReference<>(Instant.MIN);
    private final Duration answerFor;
    /** Answers being asked again: one refresh at a time per app and token. */
    private final Set<Key> refreshing = ConcurrentHashMap.newKeySet();
    private final Duration refreshAfter;
    private final boolean refreshAhead;
    private final boolean enabled;
    private final RevokedSessions revoked;
    private final Clock clock;

    KeptAnswers(Duration answerFor, long maxBytes, boolean refreshAhead, RevokedSessions revoked, Clock clock) {
        this(answerFor, maxBytes, refreshAhead, revoked, clock, 100_000);
    }

    /** {@code maxMarks}: how many users' last changes are remembered (a minute each). */
    KeptAnswers(Duration answerFor, long maxBytes, boolean refreshAhead, RevokedSessions revoked, Clock clock, long maxMarks) {
        this.enabled = answerFor.isPositive() && maxBytes > 0;
        this.answers = Caffeine.newBuilder()
                .expireAfterWrite(enabled ? answerFor : Duration.ofMillis(1))
                .maximumWeight(Math.max(maxBytes, 0))
                .weigher((Key key, Answer answer) -> key.token().length() + answer.body().length + ENTRY_OVERHEAD)
                .build();
        // A request to passport outlasting this is refused by the gateway's response timeout anyway.
        // A mark pushed out by newer ones (more users changing something within a minute than
        // the bound) raises the floor instead: every answer asked before it ends, as if its user
        // had been named, rather than one being kept that should not.
        this.forgotten = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofMinutes(1))
                .maximumSize(maxMarks)
                // Evicted in the writer's thread: the floor is raised before forgetUser returns.
                .executor(Runnable::run)
                .evictionListener((UUID user, Instant at, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE && at != null) {
                        floor.accumulateAndGet(at, (current, evicted) -> evicted.isAfter(current) ? evicted : current);
                    }
                })
                .build();
        this.answerFor = answerFor;
        this.refreshAfter = answerFor.multipliedBy(4).dividedBy(5);
        this.refreshAhead = refreshAhead;
        this.revoked = revoked;
        this.clock = clock;
    }

    boolean enabled() {
        return enabled;
    }

    Optional<Answer> answerFor(String appId, String token) {
        Key key = new Key(appId, token);
        Answer answer = answers.getIfPresent(key);
        if (answer == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        // Counted from the question, not from when the answer arrived and was stored.
        if (endedSince(answer.userId(), answer.sessionId(), answer.askedAt()) || !now.isBefore(answer.tokenExpiresAt())
                || !now.isBefore(answer.askedAt().plus(answerFor))) {
            answers.invalidate(key);
            return Optional.empty();
        }
        return Optional.of(answer);
    }

    /** Keeps passport's answer to a request sent at {@code askedAt}, unless the session ended meanwhile. */
    void remember(String appId, String token, AccessTokenClaims claims, byte[] body, Instant askedAt) {
        if (!enabled || !appId.equals(claims.appId()) || endedSince(claims.userId(), claims.sessionId(), askedAt)) {
            return;
        }
        answers.put(new Key(appId, token), new Answer(body, claims.userId(), claims.sessionId(), claims.expiresAt(), askedAt));
    }

    /**
     * Whether the answer just given for this app and token is to be asked again now: it is in the
     * last fifth of its time and no refresh of it is under way. True claims the refresh, which
     * then ends with {@link #refreshed}, {@link #refused} or {@link #notRefreshed}.
     */
    boolean claimRefresh(String appId, String token, Answer answer) {
        return enabled && refreshAhead && !clock.instant().isBefore(answer.askedAt().plus(refreshAfter))
                && refreshing.add(new Key(appId, token));
    }

    /** Passport's new 200 answer to a refresh sent at {@code askedAt}: kept as a first answer would be. */
    void refreshed(String appId, String token, Answer previous, byte[] body, Instant askedAt) {
        Key key = new Key(appId, token);
        try {
            if (endedSince(previous.userId(), previous.sessionId(), askedAt)) {
                answers.invalidate(key);
                return;
            }
            answers.put(key, new Answer(body, previous.userId(), previous.sessionId(), previous.tokenExpiresAt(), askedAt));
        } finally {
            refreshing.remove(key);
        }
    }

    /**
     * Whether the session is revoked, or the user's answers were dropped at or after
     * {@code askedAt}: passport may then have checked the session before that ended it.
     */
    private boolean endedSince(UUID userId, UUID sessionId, Instant askedAt) {
        Instant forgottenAt = forgotten.getIfPresent(userId);
        return revoked.isRevoked(sessionId.toString()) || forgottenAt != null && !forgottenAt.isBefore(askedAt)
                || !floor.get().isBefore(askedAt);
    }

    /** Passport no longer answers 200 for this app and token: the answer kept ends now. */
    void refused(String appId, String token) {
        Key key = new Key(appId, token);
        answers.invalidate(key);
        refreshing.remove(key);
    }

    /** The refresh got no answer (passport away, too slow): the answer kept ends at its own time. */
    void notRefreshed(String appId, String token) {
        refreshing.remove(new Key(appId, token));
    }

    /**
     * The user changed something through this gateway (any request of theirs but a read): answers
     * to requests sent before now are not given again. A mark read by {@link #answerFor}, not a scan
     * of the answers: writes are common enough on some paths to make a scan each a cost.
     */
    void forgetUser(UUID userId) {
        if (enabled) {
            forgotten.put(userId, clock.instant());
        }
    }

    /** As {@link #forgetUser} for the users passport named ({@code X-Passport-Users-Changed}). */
    void usersChanged(Collection<String> userIds) {
        idsOf(userIds).forEach(this::forgetUser);
    }

    /**
     * Drops every answer about the users named (their ids as passport writes them; anything else is
     * ignored), and any answer to a request sent before now that arrives later. Rare next to
     * validations: a scan of the answers kept.
     */
    void sessionsEnded(Collection<String> userIds) {
        Set<UUID> users = idsOf(userIds);
        if (!users.isEmpty()) {
            Instant now = clock.instant();
            users.forEach(user -> forgotten.put(user, now));
            answers.asMap().values().removeIf(answer -> users.contains(answer.userId()));
        }
    }

    long size() {
        answers.cleanUp();
        return answers.estimatedSize();
    }

    /** The ids named, one a value or several comma-separated; anything else is ignored. */
    private static Set<UUID> idsOf(Collection<String> values) {
        return values.stream().flatMap(value -> Arrays.stream(value.split(","))).map(KeptAnswers::uuidOrNull)
                .filter(id -> id != null).collect(Collectors.toSet());
    }

    private static UUID uuidOrNull(String value) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
