package io.passportsuite.passport.api.internal;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.passport.app.ApiKeyAuthenticator;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.web.InternalApi;

/**
 * Internal: which app an API key belongs to, for the gateway, which checks the keys of
 * {@code /auth/v1/**} and {@code /asset/v1/**} calls before it routes them.
 */
@RestController
@InternalApi
class InternalApiKeyController {

    private final ApiKeyAuthenticator apiKeys;

    InternalApiKeyController(ApiKeyAuthenticator apiKeys) {
        this.apiKeys = apiKeys;
    }

    /** The key to check is the one in {@code Authorization: Bearer <api_key>}: 200 {@code {"app_id"}} or 401. */
    @GetMapping("/internal/api-keys/self")
    Map<String, String> self(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return apiKeys.appOf(authorization)
                .map(app -> Map.of("app_id", app.appId()))
                .orElseThrow(() -> Problem.of(Reason.API_KEY_UNKNOWN).raise());
    }
}
