package io.passportsuite.passport.app;

import org.springframework.stereotype.Component;

import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;

/** The app served by the surfaces that name none (envelope and chat). */
@Component
public class DefaultApp {

    private final CachedApps apps;
    private final AppSettings settings;

    DefaultApp(CachedApps apps, AppSettings settings) {
        this.apps = apps;
        this.settings = settings;
    }

    public String id() {
        return settings.defaultAppId();
    }

    public App get() {
        return apps.find(settings.defaultAppId()).orElseThrow(
                () -> Problem.of(Reason.DEFAULT_APP_MISSING).raise());
    }
}
