package io.passportsuite.passport.api.envelope;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.passport.account.GithubLogin;
import io.passportsuite.passport.account.GithubUnlinking;
import io.passportsuite.passport.account.LoggedIn;
import io.passportsuite.passport.app.App;
import io.passportsuite.passport.app.DefaultApp;
import io.passportsuite.passport.github.GithubProof;
import io.passportsuite.passport.github.GithubVerification;
import io.passportsuite.passport.github.WebFlowStart;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.session.AccessTokenAuthentication;
import io.passportsuite.passport.web.ClientInfos;
import io.passportsuite.passport.web.JsonBody;
import io.passportsuite.passport.web.Timestamps;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

/**
 * GitHub login on the envelope surface. The reference's {@code POST /auth/github} takes the
 * user's GitHub id and names from the client; here it takes a proof GitHub checks (a web flow's
 * code with the state {@code GET /auth/github/authorize} issued, or a native client's token) and
 * answers as the reference does, plus the refresh token {@code /auth/login} gives.
 */
@RestController
@RequestMapping("/auth/github")
class EnvelopeGithubController {

    static final String LOGGED_IN = "GitHub账户绑定成功";

    private final DefaultApp defaultApp;
    private final GithubVerification github;
    private final GithubLogin login;
    private final GithubUnlinking unlinking;
    private final AccessTokenAuthentication tokens;
    private final EnvelopeProblems problems;

    EnvelopeGithubController(DefaultApp defaultApp, GithubVerification github, GithubLogin login, GithubUnlinking unlinking,
            AccessTokenAuthentication tokens, EnvelopeProblems problems) {
        this.defaultApp = defaultApp;
        this.github = github;
        this.login = login;
        this.unlinking = unlinking;
        this.tokens = tokens;
        this.problems = problems;
    }

    /** Not in the reference: begins the web flow, with the state the login must bring back. */
    @GetMapping("/authorize")
    @FailsAs(ErrorCode.GITHUB_OAUTH_FAILED)
    ResponseEntity<Object> authorize(@RequestParam(name = "redirect_uri", required = false) String redirectUri) {
        return switch (github.startWebFlow(defaultApp.get(), redirectUri)) {
            case Outcome.Success<WebFlowStart>(WebFlowStart start) -> ResponseEntity.ok(Envelope.ok(
                    new AuthorizeData(start.authorizeUrl(), start.state(), Timestamps.millis(start.expiresAt())), "请前往 GitHub 授权"));
            case Outcome.Failure<WebFlowStart> failure -> problems.failure(failure.problem());
        };
    }

    @PostMapping
    @FailsAs(ErrorCode.GITHUB_OAUTH_FAILED)
    ResponseEntity<Object> login(@RequestBody JsonNode json, HttpServletRequest request) {
        App app = defaultApp.get();
        return switch (login.login(app, proof(JsonBody.of(json)), ClientInfos.of(request))) {
            case Outcome.Success<LoggedIn>(LoggedIn loggedIn) ->
                    ResponseEntity.ok(Envelope.ok(EnvelopeAuthController.AuthData.of(loggedIn, LOGGED_IN), LOGGED_IN));
            case Outcome.Failure<LoggedIn> failure -> problems.failure(failure.problem());
        };
    }

    /** Not in the reference: removes the user's linked GitHub account while another way to log in remains. */
    @DeleteMapping
    ResponseEntity<Object> unlink(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        App app = defaultApp.get();
        return switch (tokens.fromHeader(authorization, app.appId()).flatMap(user -> unlinking.unlink(app, user.userId()))) {
            case Outcome.Success<?> ok -> ResponseEntity.ok(Envelope.ok("GitHub账户已解绑"));
            case Outcome.Failure<?> failure -> problems.failure(failure.problem());
        };
    }

    /** A code wins over a token sent with it; the reference's user fields are not a proof and are ignored. */
    private static GithubProof proof(JsonBody body) {
        String code = body.text("code");
        if (code != null) {
            return new GithubProof.AuthorizationCode(code, body.text("state"), body.text("redirect_uri"));
        }
        String token = body.text("access_token");
        return token != null ? new GithubProof.AccessToken(token) : new GithubProof.None();
    }

    record AuthorizeData(@JsonProperty("authorize_url") String authorizeUrl, String state, @JsonProperty("expires_at") String expiresAt) {
    }
}
