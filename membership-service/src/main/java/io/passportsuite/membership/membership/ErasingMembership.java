package io.passportsuite.membership.membership;

import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * Erases a deleted user's membership in an app and the capabilities given or taken from them, in
 * the caller's transaction. No membership.changed follows: the account is gone, and passport forgot
 * its capabilities when it deleted it. Erasing a user with nothing left erases nothing.
 */
@Service
public class ErasingMembership {

    private final Memberships memberships;

    ErasingMembership(Memberships memberships) {
        this.memberships = memberships;
    }

    /** True when there was something to erase. */
    public boolean erase(String appId, UUID userId) {
        // The membership's lock: a change of the user under way (an expiry, an operator's) ends first,
        // and cannot write the row again after it is gone.
        memberships.lock(appId, userId);
        return memberships.delete(appId, userId);
    }
}
