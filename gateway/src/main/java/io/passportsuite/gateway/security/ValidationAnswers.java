package io.passportsuite.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.passportsuite.common.token.AccessTokenClaims;

/**
 * Passport's answers to {@code POST /auth/v1/token/validate} that the gateway gives again itself,
 * for at most {@code answerFor}, per app and token.
 *
 * <p>Why: an app's backend validates its user's token on each of its own requests, so the same
 * token arrives again and again; each answer is a function of the token (its claims) and of
 * whether its session still stands. Answering here for a moment takes the second process, and the
 * hop to it, off the hottest path of the suite while keeping passport the source of truth: every
 * answer given here is one passport gave for the same app and token within that time.
 *
 * <p>An answer is dropped before its time when the gateway's deny-list names its session (the
 * revocation event), when passport's answer to a request routed through this gateway names its
 * user ({@code X-Passport-Sessions-Revoked}: a logout is refused at once), or when the token
 * expires. An answer passport gave to a request sent before such a notice is not kept: passport
 * may have checked the session before the revocation committed. Only 200 answers are kept, only
 * for tokens this gateway verified itself as tokens of that app, and within {@code maxBytes}.
 */
final class ValidationAnswers {

    /** What passport answered, and what decides how long it holds. */
    record Answer(byte[] body, UUID userId, UUID sessionId, Instant tokenExpiresAt) {
    }

    private record Key(String appId, String token) {
    }

    /** Per entry beyond the token and the body: the records, the strings' headers, the cache's node. */
    private static final int ENTRY_OVERHEAD = 256;

    private final Cache<Key, Answer> answers;
    /** When each user's answers were last dropped, for as long as an answer asked before may still arrive. */
    private final Cache<UUID, Instant> forgotten;
    private final boolean enabled;
    private final RevokedSessions revoked;
    private final Clock clock;

    ValidationAnswers(Duration answerFor, long maxBytes, RevokedSessions revoked, Clock clock) {
        this.enabled = answerFor.isPositive() && maxBytes > 0;
        this.answers = Caffeine.newBuilder()
                .expireAfterWrite(enabled ? answerFor : Duration.ofMillis(1))
                .maximumWeight(Math.max(maxBytes, 0))
                .weigher((Key key, Answer answer) -> key.token().length() + answer.body().length + ENTRY_OVERHEAD)
                .build();
        // A request to passport outlasting this is refused by the gateway's response timeout anyway.
        this.forgotten = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofMinutes(1))
                .maximumSize(100_000)
                .build();
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
        if (revoked.isRevoked(answer.sessionId().toString()) || !clock.instant().isBefore(answer.tokenExpiresAt())) {
            answers.invalidate(key);
            return Optional.empty();
        }
        return Optional.of(answer);
    }

    /** Keeps passport's answer to a request sent at {@code askedAt}, unless the session ended meanwhile. */
    void remember(String appId, String token, AccessTokenClaims claims, byte[] body, Instant askedAt) {
        if (!enabled || !appId.equals(claims.appId()) || revoked.isRevoked(claims.sessionId().toString())) {
            return;
        }
        Instant forgottenAt = forgotten.getIfPresent(claims.userId());
        if (forgottenAt != null && !forgottenAt.isBefore(askedAt)) {
            return;
        }
        answers.put(new Key(appId, token), new Answer(body, claims.userId(), claims.sessionId(), claims.expiresAt()));
    }

    /**
     * Drops every answer about the users named (their ids as passport writes them; anything else is
     * ignored), and any answer to a request sent before now that arrives later. Rare next to
     * validations: a scan of the answers kept.
     */
    void forgetUsers(Collection<String> userIds) {
        Set<UUID> users = userIds.stream().map(ValidationAnswers::uuidOrNull).filter(id -> id != null).collect(Collectors.toSet());
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

    private static UUID uuidOrNull(String value) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
