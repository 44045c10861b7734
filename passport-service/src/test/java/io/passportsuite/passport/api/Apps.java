package io.passportsuite.passport.api;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import io.passportsuite.passport.app.App;
import io.passportsuite.passport.app.AppAdministration;
import io.passportsuite.passport.app.PasswordPolicy;
import io.passportsuite.passport.outcome.Outcome;

/** Creates tenant apps and API keys for a test through the real administration use case. */
public final class Apps {

    private Apps() {
    }

    public record TestApp(String appId, String apiKey) {

        public String authorization() {
            return "Bearer " + apiKey;
        }
    }

    public static TestApp create(AppAdministration administration, PasswordPolicy policy) {
        return create(administration, policy, false);
    }

    public static TestApp create(AppAdministration administration, PasswordPolicy policy, boolean registerCaptchaRequired) {
        String appId = "app-" + UUID.randomUUID().toString().substring(0, 8);
        App app = new App(appId, "Test " + appId, policy, Duration.ofMinutes(15), Duration.ofDays(30),
                Set.of(App.LOGIN_PASSWORD, App.LOGIN_EMAIL_CODE), registerCaptchaRequired);
        if (!(administration.create(app) instanceof Outcome.Success<App>)) {
            throw new IllegalStateException("could not create " + appId);
        }
        if (!(administration.issueKey(appId, "test") instanceof Outcome.Success<AppAdministration.NewApiKey>(var key))) {
            throw new IllegalStateException("could not issue a key for " + appId);
        }
        return new TestApp(appId, key.apiKey());
    }
}
