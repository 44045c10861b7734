package io.passportsuite.passport.api.internal;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.session.AccessTokenAuthentication;
import io.passportsuite.passport.web.InternalApi;
import io.passportsuite.passport.web.JsonBody;
import io.passportsuite.passport.web.Timestamps;
import tools.jackson.databind.JsonNode;

/**
 * Internal: the suite's own services check an access token of any app. This is the only place
 * where a token is checked without an app's key: it lives under {@code /internal/**}, which the
 * gateway never routes and which needs the internal credential, so no client can call it, with or
 * without going through the gateway.
 */
@RestController
@InternalApi
class InternalTokenController {

    private final AccessTokenAuthentication tokens;
    private final InternalProblems problems;

    InternalTokenController(AccessTokenAuthentication tokens, InternalProblems problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @PostMapping("/internal/tokens/validate")
    ResponseEntity<Object> validate(@RequestBody JsonNode json) {
        return switch (tokens.authenticateForAnyApp(JsonBody.of(json).requiredText("token"))) {
            case Outcome.Success<AccessTokenAuthentication.Authenticated> ok -> ResponseEntity.ok(new Validated(
                    ok.value().userId().toString(), ok.value().role(), ok.value().appId(), ok.value().sessionId().toString(),
                    Timestamps.seconds(ok.value().expiresAt()), ok.value().capabilities()));
            case Outcome.Failure<AccessTokenAuthentication.Authenticated> failure -> problems.failure(failure.problem());
        };
    }

    /** {@code capabilities} are those the token was issued with (its {@code caps}). */
    record Validated(@JsonProperty("user_id") String userId, int role, @JsonProperty("app_id") String appId,
            @JsonProperty("session_id") String sessionId, @JsonProperty("expires_at") String expiresAt,
            List<String> capabilities) {
    }
}
