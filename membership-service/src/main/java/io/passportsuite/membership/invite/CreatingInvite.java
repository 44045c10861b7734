package io.passportsuite.membership.invite;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.membership.membership.EffectiveMembership;
import io.passportsuite.membership.membership.ShowingMembership;
import io.passportsuite.membership.tier.Tier;
import io.passportsuite.membership.tier.Tiers;

/**
 * New invite codes: operators make them for any tier above the lowest; members holding
 * {@code invite:create} make them for the first tier above the lowest, within their tier's
 * monthly quota of invitees (the sum of their invites' uses).
 */
@Component
public class CreatingInvite {

    public static final String CAPABILITY = "invite:create";

    private static final int MAX_NOTE = 500;

    private final Invites invites;
    private final Tiers tiers;
    private final ShowingMembership showing;
    private final InviteSettings settings;
    private final TransactionTemplate transaction;
    private final Clock clock;

    CreatingInvite(Invites invites, Tiers tiers, ShowingMembership showing, InviteSettings settings,
            TransactionTemplate transaction, Clock clock) {
        this.invites = invites;
        this.tiers = tiers;
        this.showing = showing;
        this.settings = settings;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** {@code operatorId} is null when another service asks. */
    public InviteCreation byOperator(String appId, UUID operatorId, String tierName, int maxUses, Instant expiresAt, String note) {
        Tier tier = tiers.named(appId, tierName).orElse(null);
        if (tier == null || tier.level() <= tiers.lowest(appId).level()) {
            return new InviteCreation.UnknownTier(tierName);
        }
        InviteCreation invalid = problemWith(maxUses, expiresAt, note);
        if (invalid != null) {
            return invalid;
        }
        return transaction.execute(status -> create(appId, tier, maxUses, expiresAt, operatorId, note));
    }

    public InviteCreation byMember(String appId, UUID userId, Integer maxUses, Instant expiresAt, String note) {
        int uses = maxUses == null ? 1 : maxUses;
        InviteCreation invalid = problemWith(uses, expiresAt, note);
        if (invalid != null) {
            return invalid;
        }
        return transaction.execute(status -> {
            invites.lockCreator(appId, userId);
            EffectiveMembership membership = showing.show(appId, userId);
            if (!membership.allows(CAPABILITY)) {
                return new InviteCreation.CapabilityMissing(CAPABILITY);
            }
            int quota = tiers.named(appId, membership.tier()).map(Tier::monthlyInviteQuota).orElse(0);
            int used = invites.seatsThisMonth(appId, userId);
            if (used + uses > quota) {
                return new InviteCreation.QuotaExceeded(quota, used);
            }
            Tier tier = tiers.firstPaid(appId).orElse(null);
            if (tier == null) {
                return new InviteCreation.UnknownTier(null);
            }
            return create(appId, tier, uses, expiresAt, userId, note);
        });
    }

    private InviteCreation create(String appId, Tier tier, int maxUses, Instant expiresAt, UUID createdBy, String note) {
        String code = InviteCode.generate();
        Instant expiry = expiresAt != null ? expiresAt : clock.instant().plus(settings.defaultLifetime());
        Invite invite = invites.insert(appId, InviteCode.digest(InviteCode.normalised(code).orElseThrow()), tier.name(), maxUses,
                expiry, createdBy, note == null || note.isBlank() ? null : note.strip());
        return new InviteCreation.Created(invite, code);
    }

    private InviteCreation problemWith(int maxUses, Instant expiresAt, String note) {
        if (maxUses < 1 || maxUses > settings.maxUses()) {
            return new InviteCreation.Invalid("maxUses", "must be between 1 and " + settings.maxUses());
        }
        Instant now = clock.instant();
        if (expiresAt != null && (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(settings.maxLifetime())))) {
            return new InviteCreation.Invalid("expiresAt", "must be in the future and within " + settings.maxLifetime().toDays() + " days");
        }
        if (note != null && note.length() > MAX_NOTE) {
            return new InviteCreation.Invalid("note", "must be at most " + MAX_NOTE + " characters");
        }
        return null;
    }
}
