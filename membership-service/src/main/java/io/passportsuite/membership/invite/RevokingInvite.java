package io.passportsuite.membership.invite;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/** Revokes an invite: no use is taken from it afterwards; redemptions already made stand. Revoking twice is harmless. */
@Component
public class RevokingInvite {

    private final Invites invites;

    RevokingInvite(Invites invites) {
        this.invites = invites;
    }

    /** The revoked invite; empty when the app has none with this id. */
    public Optional<Invite> revoke(String appId, UUID id) {
        return invites.revoke(appId, id);
    }
}
