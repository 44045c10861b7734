package io.passportsuite.membership.invite;

import io.passportsuite.membership.membership.EffectiveMembership;

/** What redeeming a code came to: the membership afterwards, or why the code gave nothing. */
public sealed interface Redemption {

    record Redeemed(EffectiveMembership membership) implements Redemption {
    }

    /** No invite of this app has this code, or the text cannot be a code. */
    record Unknown() implements Redemption {
    }

    record Expired() implements Redemption {
    }

    record Revoked() implements Redemption {
    }

    /** Every use has been taken. */
    record Exhausted() implements Redemption {
    }

    /** This user redeemed this invite before. */
    record AlreadyRedeemed() implements Redemption {
    }
}
