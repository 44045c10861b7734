package io.passportsuite.passport.api.chat;

import io.passportsuite.passport.account.User;
import io.passportsuite.passport.web.Timestamps;

/** The signed-in user as the chat surface shows them to themselves. */
record MeView(String id, String username, String displayName, String avatarUrl, boolean isBot, String email,
        boolean emailVerified, String createdAt) {

    static MeView of(User user) {
        return new MeView(user.id().toString(), user.username(), user.nickname(), user.avatarUrl(), user.bot(), user.email(),
                user.emailVerified(), Timestamps.millis(user.createdAt()));
    }
}
