package io.passportsuite.passport.account;

import java.time.Clock;
import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * Online status for the chat surface: any authenticated request marks the user online (written at
 * most every 30 seconds), a disconnect marks them offline with the time they were last seen.
 */
@Service
public class Presence {

    private final UserRepository users;
    private final Clock clock;

    Presence(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    public void seen(UUID userId) {
        users.markOnline(userId, clock.instant());
    }

    public void disconnected(UUID userId) {
        users.markOffline(userId, clock.instant());
    }
}
