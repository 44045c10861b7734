package io.passportsuite.admin.users;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.passportsuite.admin.AdminSettings;
import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.passport.Passport;
import io.passportsuite.admin.passport.PassportReply;
import io.passportsuite.admin.passport.PassportUser;
import io.passportsuite.admin.passport.UserPage;
import io.passportsuite.admin.passport.UserQuery;

/**
 * The checks before a role is taken away: never one's own, never the last administrator's (counted
 * with passport's role filter). Passport holds no lock for the back office, so two administrators
 * demoting each other at the same moment can still both pass; the check guards against the slip,
 * not against that race.
 */
@Component
class KeepingAnAdmin {

    private final Passport passport;
    private final String appId;

    KeepingAnAdmin(Passport passport, AdminSettings settings) {
        this.passport = passport;
        this.appId = settings.platformAppId();
    }

    /** Empty when the demotion may go ahead; {@code mustBeAdmin}: a target that is no administrator is refused too. */
    Optional<Edit> refusal(Actor actor, UUID target, boolean mustBeAdmin) {
        if (target.equals(actor.userId())) {
            return Optional.of(new Edit.KeepsAnAdmin(Edit.Why.SELF_DEMOTION));
        }
        PassportReply<PassportUser> user = passport.user(appId, target);
        if (!(user instanceof PassportReply.Answered<PassportUser>(PassportUser found))) {
            return Optional.of(new Edit.NotDone(user));
        }
        if (found.role() != Roles.ADMIN) {
            return mustBeAdmin ? Optional.of(new Edit.KeepsAnAdmin(Edit.Why.NOT_AN_ADMIN)) : Optional.empty();
        }
        PassportReply<UserPage> admins = passport.users(appId, new UserQuery(1, 0, null, null, Roles.ADMIN, null, null));
        if (!(admins instanceof PassportReply.Answered<UserPage>(UserPage page))) {
            return Optional.of(new Edit.NotDone(admins));
        }
        return page.total() <= 1 ? Optional.of(new Edit.KeepsAnAdmin(Edit.Why.LAST_ADMIN)) : Optional.empty();
    }
}
