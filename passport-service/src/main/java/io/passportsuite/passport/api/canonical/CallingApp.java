package io.passportsuite.passport.api.canonical;

import org.springframework.stereotype.Component;

import io.passportsuite.passport.app.ApiKeyAuthenticator;
import io.passportsuite.passport.app.App;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.web.JsonBody;

/**
 * The app a canonical call is made for: the API key's, always. An {@code app_id} in the body must
 * name that same app: a key of app A never reads, registers or updates users of app B.
 */
@Component
class CallingApp {

    private final ApiKeyAuthenticator apiKeys;

    CallingApp(ApiKeyAuthenticator apiKeys) {
        this.apiKeys = apiKeys;
    }

    App appOf(String authorization) {
        return apiKeys.appOf(authorization).orElseThrow(() -> Problem.of(Reason.API_KEY_REQUIRED).raise());
    }

    void requireSameApp(App app, JsonBody body) {
        String appId = body.requiredText("app_id");
        if (!appId.equals(app.appId())) {
            throw Problem.of(Reason.TENANT_MISMATCH, abbreviate(appId)).raise();
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}
