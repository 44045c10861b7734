package io.passportsuite.admin.passport;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A user as passport shows it to the back office: the fields of the admin reference, timestamps as ISO-8601. */
public record PassportUser(String id, String username, String nickname, String email,
        @JsonProperty("email_verified") boolean emailVerified, String phone, @JsonProperty("avatar_url") String avatarUrl,
        int role, @JsonProperty("created_at") String createdAt, @JsonProperty("updated_at") String updatedAt) {
}
