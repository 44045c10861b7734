package io.passportsuite.admin.membership;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An invite as membership keeps it. {@code code} is present only in the answer to its creation:
 * membership stores no code it could show again. Times are membership's ISO-8601 text, passed on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MembershipInvite(UUID id, String code, String tier,
        @JsonProperty("max_uses") @JsonAlias("maxUses") int maxUses, int uses,
        @JsonProperty("expires_at") @JsonAlias("expiresAt") String expiresAt,
        @JsonProperty("revoked_at") @JsonAlias("revokedAt") String revokedAt,
        @JsonProperty("created_by") @JsonAlias("createdBy") UUID createdBy, String note,
        @JsonProperty("created_at") @JsonAlias("createdAt") String createdAt) {
}
