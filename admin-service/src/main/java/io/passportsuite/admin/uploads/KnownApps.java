package io.passportsuite.admin.uploads;

import java.util.Optional;

import org.springframework.stereotype.Component;

import io.passportsuite.admin.passport.Passport;
import io.passportsuite.admin.passport.PassportApp;
import io.passportsuite.admin.passport.PassportReply;

/**
 * Whether passport serves an app. Asset-service keeps settings for any app id it is given and
 * cannot tell an app that does not exist: passport, which owns the apps, is asked first.
 */
@Component
class KnownApps {

    private final Passport passport;

    KnownApps(Passport passport) {
        this.passport = passport;
    }

    /** Empty when the app exists; else passport's reply (an unknown app, or passport away). */
    <T> Optional<UploadSettingsOutcome<T>> unlessKnown(String appId) {
        PassportReply<PassportApp> reply = passport.app(appId);
        return reply instanceof PassportReply.Answered<PassportApp> ? Optional.empty()
                : Optional.of(new UploadSettingsOutcome.AppNotConfirmed<>(reply));
    }
}
