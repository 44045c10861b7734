package io.passportsuite.passport.github;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;

import io.passportsuite.passport.app.App;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;

/**
 * Learns from GitHub who a login proof belongs to. Nothing the client says about the user is
 * believed: a code is exchanged with the app's own client secret (after its {@code state} is
 * spent), a token is first checked to have been issued to the app's OAuth app, and the identity
 * is what GitHub's API answers for the token.
 */
@Service
public class GithubVerification {

    /** Reading the profile and the verified addresses is all a login needs. */
    static final String SCOPES = "read:user user:email";

    private final GithubAppRepository configurations;
    private final WebFlowStates states;
    private final GithubApi github;
    private final GithubSettings settings;
    private final Clock clock;

    GithubVerification(GithubAppRepository configurations, WebFlowStates states, GithubApi github, GithubSettings settings, Clock clock) {
        this.configurations = configurations;
        this.states = states;
        this.github = github;
        this.settings = settings;
        this.clock = clock;
    }

    /** Begins a web flow that returns to {@code redirectUri}, one of the app's registered URIs. */
    public Outcome<WebFlowStart> startWebFlow(App app, String redirectUri) {
        Outcome<GithubApp> configured = configured(app);
        if (!(configured instanceof Outcome.Success<GithubApp>(GithubApp github))) {
            return configured.map(ignored -> null);
        }
        if (redirectUri == null || !github.redirectUris().contains(redirectUri)) {
            return Outcome.failure(Reason.REDIRECT_URI_NOT_ALLOWED);
        }
        Instant expiresAt = clock.instant().plus(settings.stateTtl());
        String state = states.issue(app.appId(), redirectUri, expiresAt);
        String url = github.webBaseUrl() + "/login/oauth/authorize?client_id=" + encode(github.clientId()) + "&redirect_uri="
                + encode(redirectUri) + "&scope=" + encode(SCOPES) + "&state=" + encode(state) + "&allow_signup=true";
        return Outcome.success(new WebFlowStart(url, state, expiresAt));
    }

    public Outcome<GithubIdentity> verify(App app, GithubProof proof) {
        if (proof instanceof GithubProof.None) {
            return Outcome.failure(Reason.GITHUB_PROOF_REQUIRED);
        }
        return configured(app).flatMap(github -> verify(app, github, proof, Deadline.after(settings.loginDeadline())));
    }

    private Outcome<GithubIdentity> verify(App app, GithubApp github, GithubProof proof, Deadline deadline) {
        return switch (proof) {
            case GithubProof.AuthorizationCode code -> {
                if (code.redirectUri() == null || !github.redirectUris().contains(code.redirectUri())
                        || !states.consume(app.appId(), code.state(), code.redirectUri())) {
                    yield Outcome.failure(Reason.GITHUB_STATE_INVALID);
                }
                yield this.github.exchangeCode(github, code.code(), code.redirectUri(), deadline)
                        .flatMap(token -> this.github.identify(github, token, deadline));
            }
            case GithubProof.AccessToken token -> this.github.checkToken(github, token.token(), deadline)
                    .flatMap(checked -> this.github.identify(github, token.token(), deadline));
            case GithubProof.None none -> Outcome.failure(Reason.GITHUB_PROOF_REQUIRED);
        };
    }

    private Outcome<GithubApp> configured(App app) {
        if (!app.allows(App.LOGIN_GITHUB)) {
            return Outcome.failure(Reason.GITHUB_LOGIN_NOT_ALLOWED);
        }
        // A secret that no longer decrypts (the key-encryption key changed) leaves the app as unconfigured as none.
        Optional<GithubApp> github = configurations.find(app.appId()).filter(configured -> configured.clientSecret() != null);
        return github.map(Outcome::success).orElseGet(() -> Outcome.failure(Reason.GITHUB_NOT_CONFIGURED));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
