package io.passportsuite.passport.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Online status for the chat surface: any authenticated request marks the user online (written at
 * most every 30 seconds), a disconnect marks them offline with the time they were last seen.
 *
 * <p>For {@link #REMARK_AFTER} after this replica moved a user's row, the user is not marked again:
 * the write could change nothing (the row moves at most every 30 seconds), yet it was a statement
 * and a commit on every authenticated request, half of the database work of {@code GET /api/auth/me}.
 * A disconnect here forgets the mark at once; one on another replica may leave this replica's mark
 * standing, so a user who disconnected there and is active here again is shown online up to
 * {@link #REMARK_AFTER} late.
 */
@Service
public class Presence {

    static final Duration REMARK_AFTER = Duration.ofSeconds(30);

    private final UserRepository users;
    private final Clock clock;
    private final Cache<UUID, Instant> markedOnline = Caffeine.newBuilder()
            .expireAfterWrite(REMARK_AFTER)
            .maximumSize(100_000)
            .build();

    Presence(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    public void seen(UUID userId) {
        Instant now = clock.instant();
        Instant marked = markedOnline.getIfPresent(userId);
        if (marked != null && !now.isBefore(marked) && now.isBefore(marked.plus(REMARK_AFTER))) {
            return;
        }
        // Only a write that moved the row starts the 30 seconds in which the next could not.
        if (users.markOnline(userId, now)) {
            markedOnline.put(userId, now);
        }
    }

    public void disconnected(UUID userId) {
        markedOnline.invalidate(userId);
        users.markOffline(userId, clock.instant());
    }
}
