package io.passportsuite.admin.apps;

import java.util.List;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.passport.ApiKey;
import io.passportsuite.admin.passport.AppPage;
import io.passportsuite.admin.passport.Passport;
import io.passportsuite.admin.passport.PassportApp;
import io.passportsuite.admin.passport.PassportReply;

/**
 * The apps passport serves, their settings and their keys (never a key's secret, which passport
 * does not keep). Reading changes nothing, so nothing is audited, as for users.
 */
@Service
public class BrowsingApps {

    private final Passport passport;

    BrowsingApps(Passport passport) {
        this.passport = passport;
    }

    public PassportReply<AppPage> page(int limit, long offset) {
        return passport.apps(limit, offset);
    }

    public PassportReply<PassportApp> one(String appId) {
        return passport.app(appId);
    }

    public PassportReply<List<ApiKey>> keys(String appId) {
        return passport.keys(appId);
    }
}
