package io.passportsuite.passport.api.internal;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.passport.account.User;
import io.passportsuite.passport.web.Timestamps;

/** A user as the admin back office's reference shows one. */
record UserView(String id, String username, String nickname, String email,
        @JsonProperty("email_verified") boolean emailVerified, String phone, @JsonProperty("avatar_url") String avatarUrl,
        int role, @JsonProperty("created_at") String createdAt, @JsonProperty("updated_at") String updatedAt) {

    static UserView of(User user) {
        return new UserView(user.id().toString(), user.username(), user.nickname(), user.email(), user.emailVerified(),
                user.phone(), user.avatarUrl(), user.role(), Timestamps.millis(user.createdAt()), Timestamps.millis(user.updatedAt()));
    }
}
