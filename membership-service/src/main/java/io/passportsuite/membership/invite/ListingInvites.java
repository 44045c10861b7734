package io.passportsuite.membership.invite;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

/** Invites without their codes, newest first. */
@Component
public class ListingInvites {

    public static final int LIMIT = 500;

    private final Invites invites;

    ListingInvites(Invites invites) {
        this.invites = invites;
    }

    public List<Invite> ofApp(String appId) {
        return invites.ofApp(appId, LIMIT);
    }

    public List<Invite> createdBy(String appId, UUID userId) {
        return invites.createdBy(appId, userId, LIMIT);
    }
}
