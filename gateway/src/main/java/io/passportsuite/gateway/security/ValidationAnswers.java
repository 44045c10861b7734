package io.passportsuite.gateway.security;

import java.time.Clock;
import java.time.Duration;
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
 * for at most {@code answerFor} (a second by default), per app and token.
 *
 * <p>Why: an app's backend validates its user's token on each of its own requests, so the same
 * token arrives again and again; each answer is a function of the token (its claims) and of
 * whether its session still stands. Passport itself reuses a session's state for up to a second
 * (its {@code UsableSessions}); answering here for as long takes the second process, and the hop
 * to it, off the hottest path of the suite while keeping passport the source of truth: every
 * answer given here is one passport gave for the same app and token within that time.
 *
 * <p>An answer is dropped before its time when the gateway's deny-list names its session (the
 * revocation event), when passport's answer to a request routed through this gateway names its
 * user ({@code X-Passport-Sessions-Revoked}: a logout is refused at once), or when the token
 * expires. Only 200 answers are kept, and only for tokens this gateway verified itself as tokens
 * of that app.
 */
final class ValidationAnswers {

    /** What passport answered, and what decides how long it holds. */
    record Answer(byte[] body, String contentType, UUID userId, UUID sessionId, java.time.Instant tokenExpiresAt) {
    }

    private record Key(String appId, String token) {
    }

    private final Cache<Key, Answer> answers;
    private final boolean enabled;
    private final RevokedSessions revoked;
    private final Clock clock;

    ValidationAnswers(Duration answerFor, int maxAnswers, RevokedSessions revoked, Clock clock) {
        this.enabled = answerFor.isPositive() && maxAnswers > 0;
        this.answers = Caffeine.newBuilder()
                .expireAfterWrite(enabled ? answerFor : Duration.ofMillis(1))
                .maximumSize(Math.max(maxAnswers, 0))
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

    void remember(String appId, String token, AccessTokenClaims claims, byte[] body, String contentType) {
        if (enabled && appId.equals(claims.appId())) {
            answers.put(new Key(appId, token), new Answer(body, contentType, claims.userId(), claims.sessionId(), claims.expiresAt()));
        }
    }

    /**
     * Drops every answer about the users named (their ids as passport writes them; anything else is
     * ignored). Rare next to validations: a scan of at most {@code maxAnswers} entries.
     */
    void forgetUsers(Collection<String> userIds) {
        Set<UUID> users = userIds.stream().map(ValidationAnswers::uuidOrNull).filter(id -> id != null).collect(Collectors.toSet());
        if (!users.isEmpty()) {
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
