package io.passportsuite.admin.passport;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Passport's answer to an administrator's login; {@code expiresAt} in epoch milliseconds. */
public record AdminSession(Admin admin, @JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken, @JsonProperty("expires_at") long expiresAt) {

    public record Admin(String id, String username, String nickname, int role) {
    }
}
