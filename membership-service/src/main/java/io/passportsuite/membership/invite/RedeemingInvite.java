package io.passportsuite.membership.invite;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.membership.membership.ChangingMembership;
import io.passportsuite.membership.tier.Tier;
import io.passportsuite.membership.tier.Tiers;

/**
 * Redeems a code for a user, all in one transaction: the invite row is locked, so of two users
 * racing for its last use exactly one gets it; the use, the redemption, the raised membership and
 * its {@code membership.changed} event commit together or not at all. Joins the caller's
 * transaction when there is one (the registration listener marks its event in the same one).
 */
@Component
public class RedeemingInvite {

    private final Invites invites;
    private final Tiers tiers;
    private final ChangingMembership changing;
    private final TransactionTemplate transaction;
    private final Clock clock;

    RedeemingInvite(Invites invites, Tiers tiers, ChangingMembership changing, TransactionTemplate transaction, Clock clock) {
        this.invites = invites;
        this.tiers = tiers;
        this.changing = changing;
        this.transaction = transaction;
        this.clock = clock;
    }

    public Redemption redeem(String appId, UUID userId, String code) {
        Optional<String> normalised = InviteCode.normalised(code);
        if (normalised.isEmpty()) {
            return new Redemption.Unknown();
        }
        return transaction.execute(status -> {
            Optional<Invite> found = invites.lockByDigest(appId, InviteCode.digest(normalised.get()));
            if (found.isEmpty()) {
                return new Redemption.Unknown();
            }
            Invite invite = found.get();
            if (invite.revokedAt() != null) {
                return new Redemption.Revoked();
            }
            if (!invite.expiresAt().isAfter(clock.instant())) {
                return new Redemption.Expired();
            }
            if (invites.redeemedBy(invite.id(), userId)) {
                return new Redemption.AlreadyRedeemed();
            }
            if (invite.uses() >= invite.maxUses() || !invites.takeUse(invite.id())) {
                return new Redemption.Exhausted();
            }
            invites.recordRedemption(invite.id(), userId);
            // A tier removed since the invite was made still counts the use, and gives the lowest tier.
            Tier tier = tiers.named(appId, invite.tier()).orElseGet(() -> tiers.lowest(appId));
            return new Redemption.Redeemed(changing.raiseTo(appId, userId, tier));
        });
    }
}
