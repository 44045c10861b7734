package io.passportsuite.admin.passport;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A live session of a user as passport lists it; timestamps as ISO-8601. */
public record PassportSession(String id, @JsonProperty("login_method") String loginMethod,
        @JsonProperty("created_at") String createdAt, @JsonProperty("last_used_at") String lastUsedAt,
        @JsonProperty("expires_at") String expiresAt, @JsonProperty("client_ip") String clientIp,
        @JsonProperty("user_agent") String userAgent) {
}
