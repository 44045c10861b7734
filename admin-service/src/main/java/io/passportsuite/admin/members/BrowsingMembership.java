package io.passportsuite.admin.members;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.AdminSettings;
import io.passportsuite.admin.membership.Membership;
import io.passportsuite.admin.membership.MembershipInvite;
import io.passportsuite.admin.membership.MembershipReply;
import io.passportsuite.admin.membership.MembershipState;
import io.passportsuite.admin.membership.TierList;

/** The platform app's tiers, invites and a user's membership as membership keeps them: reading is not audited. */
@Service
public class BrowsingMembership {

    private final Membership membership;
    private final String appId;

    BrowsingMembership(Membership membership, AdminSettings settings) {
        this.membership = membership;
        this.appId = settings.platformAppId();
    }

    public MembershipReply<TierList> tiers() {
        return membership.tiers(appId);
    }

    /** Codes are not among them: membership shows a code only to whoever created it, once. */
    public MembershipReply<List<MembershipInvite>> invites() {
        return membership.invites(appId);
    }

    /** Every user has one: a user membership never saw holds the lowest tier. */
    public MembershipReply<MembershipState> of(UUID userId) {
        return membership.membership(appId, userId);
    }
}
