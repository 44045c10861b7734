package io.passportsuite.membership.invite;

import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * Removes a deleted user from the app's invites, in the caller's transaction: their redemptions go,
 * and the invites they made are revoked and no longer name them.
 */
@Service
public class ForgettingInvitesOfUser {

    private final Invites invites;

    ForgettingInvitesOfUser(Invites invites) {
        this.invites = invites;
    }

    /** The number of invites of the user revoked. */
    public int forget(String appId, UUID userId) {
        return invites.forgetUser(appId, userId);
    }
}
