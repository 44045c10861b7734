package io.passportsuite.membership.api.admin;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.membership.invite.Invite;

/** An invite on the admin surface, snake_case like the rest of it; {@code code} only when just created. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AdminInviteView(
        UUID id,
        String code,
        String tier,
        @JsonProperty("max_uses") int maxUses,
        int uses,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("revoked_at") Instant revokedAt,
        @JsonProperty("created_by") UUID createdBy,
        String note,
        @JsonProperty("created_at") Instant createdAt) {

    static AdminInviteView of(Invite invite, String code) {
        return new AdminInviteView(invite.id(), code, invite.tier(), invite.maxUses(), invite.uses(), invite.expiresAt(),
                invite.revokedAt(), invite.createdBy(), invite.note(), invite.createdAt());
    }
}
