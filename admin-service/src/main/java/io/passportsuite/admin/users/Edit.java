package io.passportsuite.admin.users;

import io.passportsuite.admin.passport.PassportReply;
import io.passportsuite.admin.passport.PassportUser;

/** How a change to a user's profile or role ended: done, refused here to keep an administrator, or not done by passport. */
public sealed interface Edit {

    record Edited(PassportUser user) implements Edit {
    }

    record KeepsAnAdmin(Why why) implements Edit {
    }

    record NotDone(PassportReply<?> reply) implements Edit {
    }

    enum Why {
        /** An administrator taking their own role away: the platform must not lose an admin by a slip. */
        SELF_DEMOTION,
        /** The only administrator left. */
        LAST_ADMIN,
        /** Demoting someone who is no administrator. */
        NOT_AN_ADMIN
    }
}
