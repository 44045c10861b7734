package io.passportsuite.asset.api;

import java.util.regex.Pattern;

import io.passportsuite.asset.web.Refusal;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.web.SuiteHeaders;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The app whose API key the gateway checked, from the header it set (believed only with the
 * suite's credential, see the credential filter). Files belong to this app, whatever a body says.
 */
final class CallingApp {

    /** Passport's rule for app ids: the app id is also the first segment of a storage key. */
    private static final Pattern APP_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private CallingApp() {
    }

    static String of(HttpServletRequest request) {
        String appId = request.getHeader(SuiteHeaders.APP_ID);
        if (appId == null || !APP_ID.matcher(appId).matches()) {
            throw new Refusal(ErrorCode.INVALID_API_KEY, "A valid API key is required");
        }
        return appId;
    }
}
