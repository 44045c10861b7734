package io.passportsuite.passport.api.canonical;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.passport.account.User;
import io.passportsuite.passport.web.Timestamps;

/** A user as the canonical API shows it. */
record UserView(
        String userId,
        String nickname,
        String email,
        String phone,
        String avatar,
        String signature,
        @JsonProperty("app_id") String appId,
        @JsonProperty("is_active") boolean active,
        @JsonProperty("is_registered") boolean registered,
        @JsonProperty("created_at") String createdAt) {

    static UserView of(User user) {
        return new UserView(user.id().toString(), user.nickname(), user.email(), user.phone(), user.avatarUrl(), user.signature(),
                user.appId(), user.active(), true, Timestamps.seconds(user.createdAt()));
    }
}
