package io.passportsuite.passport.api.canonical;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.common.events.user.SessionRevoked;
import io.passportsuite.passport.account.User;
import io.passportsuite.passport.app.App;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.session.AccessTokenAuthentication;
import io.passportsuite.passport.session.Sessions;
import io.passportsuite.passport.web.JsonBody;
import io.passportsuite.passport.web.Timestamps;
import tools.jackson.databind.JsonNode;

/** The canonical API's tokens ({@code /auth/v1/token/validate}, {@code /auth/v1/logout}) for an app's backend. */
@RestController
@RequestMapping("/auth/v1")
class CanonicalTokensController {

    private final CallingApp caller;
    private final AccessTokenAuthentication tokens;
    private final Sessions sessions;
    private final CanonicalProblems problems;

    CanonicalTokensController(CallingApp caller, AccessTokenAuthentication tokens, Sessions sessions, CanonicalProblems problems) {
        this.caller = caller;
        this.tokens = tokens;
        this.sessions = sessions;
        this.problems = problems;
    }

    /**
     * For an app's backend: tokens of its key's app only, whoever routed the request. The suite's
     * own services check tokens of any app on the internal API, which is never routed.
     */
    @PostMapping("/token/validate")
    ResponseEntity<Object> validate(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode json) {
        App app = caller.appOf(authorization);
        String token = JsonBody.of(json).requiredText("token");
        return switch (tokens.authenticate(token, app.appId())) {
            case Outcome.Success<AccessTokenAuthentication.Authenticated> ok -> ResponseEntity.ok(new ValidationView(
                    ok.value().userId().toString(), ok.value().role() == User.ROLE_ADMIN ? "admin" : "user", ok.value().appId(),
                    Timestamps.seconds(ok.value().expiresAt()), ok.value().capabilities()));
            case Outcome.Failure<AccessTokenAuthentication.Authenticated> failure -> problems.failure(failure.problem());
        };
    }

    @PostMapping("/logout")
    ResponseEntity<Object> logout(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode json) {
        App app = caller.appOf(authorization);
        String token = JsonBody.of(json).requiredText("token");
        return switch (tokens.authenticate(token, app.appId())) {
            case Outcome.Success<AccessTokenAuthentication.Authenticated> ok -> {
                sessions.revoke(ok.value().sessionId(), SessionRevoked.LOGOUT);
                yield ResponseEntity.ok(Map.of());
            }
            case Outcome.Failure<AccessTokenAuthentication.Authenticated> failure -> problems.failure(failure.problem());
        };
    }

    /** {@code capabilities} are those the token was issued with (its {@code caps}), so the answer matches the token. */
    record ValidationView(String userId, String role, @JsonProperty("app_id") String appId,
            @JsonProperty("expires_at") String expiresAt, List<String> capabilities) {
    }
}
