package io.passportsuite.admin.users;

import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.AdminSettings;
import io.passportsuite.admin.passport.Passport;
import io.passportsuite.admin.passport.PassportReply;
import io.passportsuite.admin.passport.PassportUser;
import io.passportsuite.admin.passport.SessionList;
import io.passportsuite.admin.passport.UserPage;
import io.passportsuite.admin.passport.UserQuery;

/**
 * The platform app's users as passport keeps them, searched and filtered, and their sessions:
 * reading changes nothing, so nothing is audited. Paging bounds are passport's ({@code limit}
 * 1-1000, {@code offset} from 0).
 */
@Service
public class BrowsingUsers {

    private final Passport passport;
    private final String appId;

    BrowsingUsers(Passport passport, AdminSettings settings) {
        this.passport = passport;
        this.appId = settings.platformAppId();
    }

    public PassportReply<PassportUser> one(UUID userId) {
        return passport.user(appId, userId);
    }

    public PassportReply<UserPage> search(UserQuery query) {
        return passport.users(appId, query);
    }

    /** The administrators: passport's role filter, so {@code total} counts them all. */
    public PassportReply<UserPage> admins(int limit, long offset) {
        return passport.users(appId, new UserQuery(limit, offset, null, null, Roles.ADMIN, null, null));
    }

    public PassportReply<SessionList> sessions(UUID userId) {
        return passport.sessions(appId, userId);
    }
}
