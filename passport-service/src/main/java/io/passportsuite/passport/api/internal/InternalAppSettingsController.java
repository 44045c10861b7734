package io.passportsuite.passport.api.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.passport.api.internal.InternalAppController.AppView;
import io.passportsuite.passport.app.AppAdministration;
import io.passportsuite.passport.app.SettingsChange;
import io.passportsuite.passport.github.GithubApp;
import io.passportsuite.passport.github.GithubConfiguring;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.web.InternalApi;

/**
 * Internal: every app with its settings, and changing them, for the admin back office. A change
 * answers the settings before and after it, which the back office keeps in its audit trail.
 */
@RestController
@RequestMapping("/internal/apps")
@InternalApi
class InternalAppSettingsController {

    private static final int DEFAULT_LIMIT = 100;

    private final AppAdministration administration;
    private final GithubConfiguring github;

    InternalAppSettingsController(AppAdministration administration, GithubConfiguring github) {
        this.administration = administration;
        this.github = github;
    }

    @GetMapping
    AppPage list(@RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit, @RequestParam(defaultValue = "0") long offset) {
        AppAdministration.Page page = administration.page(limit, offset).orRaise();
        return new AppPage(page.apps().stream().map(AppView::of).toList(), page.limit(), page.offset(), page.total());
    }

    /**
     * Only the fields present change; an empty or missing body changes nothing and answers the app as it is.
     * {@code github} sets the app's GitHub OAuth app; its secret is write-only, answered as set or not.
     */
    @PatchMapping("/{appId}")
    SettingsChanged change(@PathVariable String appId, @RequestBody(required = false) SettingsRequest request) {
        SettingsRequest changes = request == null ? SettingsRequest.NONE : request;
        administration.find(appId).orElseThrow(() -> Problem.of(Reason.APP_UNKNOWN, appId).raise());
        // Checked before anything is stored: a refused GitHub part leaves the other settings unchanged too.
        Optional<GithubApp> githubApp = changes.github() == null ? Optional.empty()
                : Optional.of(github.prepare(appId, changes.github().toChange()).orRaise());
        AppAdministration.Change change = administration.changeSettings(appId, changes.toChange()).orRaise();
        githubApp.ifPresent(github::store);
        return new SettingsChanged(AppView.of(change.before()), AppView.of(change.after()),
                github.summary(appId).map(GithubView::of).orElse(GithubView.NOT_CONFIGURED));
    }

    record AppPage(List<AppView> apps, int limit, long offset, long total) {
    }

    record SettingsChanged(AppView before, AppView after, GithubView github) {
    }

    record GithubView(boolean configured, @JsonProperty("client_id") String clientId,
            @JsonProperty("client_secret_set") boolean clientSecretSet, @JsonProperty("redirect_uris") List<String> redirectUris,
            @JsonProperty("web_base_url") String webBaseUrl, @JsonProperty("api_base_url") String apiBaseUrl) {

        static final GithubView NOT_CONFIGURED = new GithubView(false, null, false, List.of(), null, null);

        static GithubView of(GithubConfiguring.Summary summary) {
            return new GithubView(true, summary.clientId(), summary.clientSecretSet(), summary.redirectUris(), summary.webBaseUrl(),
                    summary.apiBaseUrl());
        }
    }

    record GithubRequest(@JsonProperty("client_id") String clientId, @JsonProperty("client_secret") String clientSecret,
            @JsonProperty("redirect_uris") List<String> redirectUris, @JsonProperty("web_base_url") String webBaseUrl,
            @JsonProperty("api_base_url") String apiBaseUrl) {

        GithubConfiguring.Change toChange() {
            return new GithubConfiguring.Change(clientId, clientSecret, redirectUris, webBaseUrl, apiBaseUrl);
        }
    }

    record SettingsRequest(
            String name,
            @JsonProperty("password_min_length") Integer passwordMinLength,
            @JsonProperty("password_max_length") Integer passwordMaxLength,
            @JsonProperty("password_letter_and_digit") Boolean passwordLetterAndDigit,
            @JsonProperty("access_token_ttl_seconds") Integer accessTokenTtlSeconds,
            @JsonProperty("refresh_token_ttl_seconds") Integer refreshTokenTtlSeconds,
            @JsonProperty("login_methods") List<String> loginMethods,
            @JsonProperty("register_captcha_required") Boolean registerCaptchaRequired,
            GithubRequest github) {

        static final SettingsRequest NONE = new SettingsRequest(null, null, null, null, null, null, null, null, null);

        SettingsChange toChange() {
            return new SettingsChange(name, passwordMinLength, passwordMaxLength, passwordLetterAndDigit, accessTokenTtlSeconds,
                    refreshTokenTtlSeconds, loginMethods, registerCaptchaRequired);
        }
    }
}
