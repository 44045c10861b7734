package io.passportsuite.membership.api.chat;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.passportsuite.membership.invite.Invite;

/** An invite on the chat surface, camelCase; {@code code} only in the answer that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record InviteView(UUID id, String code, String tier, int maxUses, int uses, Instant expiresAt, Instant revokedAt, String note,
        Instant createdAt) {

    static InviteView of(Invite invite, String code) {
        return new InviteView(invite.id(), code, invite.tier(), invite.maxUses(), invite.uses(), invite.expiresAt(),
                invite.revokedAt(), invite.note(), invite.createdAt());
    }
}
