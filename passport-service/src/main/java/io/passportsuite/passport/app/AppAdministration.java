package io.passportsuite.passport.app;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;

/** Creating apps and managing their API keys: what the admin back office calls internally. */
@Service
public class AppAdministration {

    static final Pattern APP_ID = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");
    public static final int MAX_LIMIT = 1000;
    static final Set<String> LOGIN_METHODS = Set.of(App.LOGIN_PASSWORD, App.LOGIN_EMAIL_CODE, App.LOGIN_GITHUB);

    private final AppRepository apps;
    private final ApiKeyRepository keys;
    private final ApiKeyAuthenticator authenticator;
    private final CachedApps cachedApps;
    private final String platformAppId;

    AppAdministration(AppRepository apps, ApiKeyRepository keys, ApiKeyAuthenticator authenticator, CachedApps cachedApps,
            AppSettings settings) {
        this.apps = apps;
        this.keys = keys;
        this.authenticator = authenticator;
        this.cachedApps = cachedApps;
        this.platformAppId = settings.defaultAppId();
    }

    static App newApp(String appId, String name, PasswordPolicy policy, Set<String> loginMethods) {
        return new App(appId, name, policy, Duration.ofMinutes(15), Duration.ofDays(30), loginMethods, false);
    }

    @Transactional
    public Outcome<App> create(App app) {
        if (app.appId() == null || !APP_ID.matcher(app.appId()).matches()) {
            return Outcome.failure(Reason.APP_ID_INVALID);
        }
        Optional<Problem> invalid = invalidSettings(app);
        if (invalid.isPresent()) {
            return Outcome.failure(invalid.get());
        }
        if (!apps.createIfAbsent(app)) {
            return Outcome.failure(Reason.APP_EXISTS, app.appId());
        }
        return Outcome.success(app);
    }

    public Outcome<Page> page(int limit, long offset) {
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            return Outcome.failure(Reason.PAGING_INVALID, 1, MAX_LIMIT);
        }
        return Outcome.success(new Page(apps.page(limit, offset), limit, offset, apps.count()));
    }

    /**
     * Applies the settings {@code change} names to the app, checked as a whole as at creation (a
     * refresh lifetime is compared with the access lifetime it ends up beside, changed or not).
     * Answers the settings before and after, for the caller's audit.
     *
     * <p>API calls read an app's settings with its key, through {@link ApiKeyAuthenticator}'s cache,
     * and refreshes and the default app's surfaces through {@link CachedApps}: this replica forgets both at once; any other replica within {@link ApiKeyAuthenticator#CACHE_TTL}.
     * Tokens already issued keep the lifetime they were issued with.
     */
    @Transactional
    public Outcome<Change> changeSettings(String appId, SettingsChange change) {
        Optional<App> found = apps.findForUpdate(appId);
        if (found.isEmpty()) {
            return Outcome.failure(Reason.APP_UNKNOWN, appId);
        }
        App before = found.get();
        App after = change.appliedTo(before);
        Optional<Problem> invalid = invalidSettings(after);
        if (invalid.isPresent()) {
            return Outcome.failure(invalid.get());
        }
        // Administrators log in to the platform app with a password: without it, every one of them
        // would be locked out of the back office, with nobody left to put it back.
        if (after.appId().equals(platformAppId) && !after.loginMethods().contains(App.LOGIN_PASSWORD)) {
            return Outcome.failure(Reason.PLATFORM_APP_NEEDS_PASSWORD, App.LOGIN_PASSWORD);
        }
        apps.updateSettings(after);
        authenticator.forgetCachedKeys();
        cachedApps.forget();
        return Outcome.success(new Change(before, after));
    }

    private static Optional<Problem> invalidSettings(App app) {
        if (app.name() == null || app.name().isBlank() || app.name().length() > 100) {
            return Optional.of(Problem.of(Reason.APP_NAME_INVALID));
        }
        PasswordPolicy policy = app.passwordPolicy();
        if (policy.minLength() < 1 || policy.maxLength() > 128 || policy.minLength() > policy.maxLength()) {
            return Optional.of(Problem.of(Reason.PASSWORD_LENGTHS_INVALID));
        }
        if (app.accessTokenTtl().compareTo(Duration.ofMinutes(1)) < 0 || app.accessTokenTtl().compareTo(Duration.ofDays(1)) > 0) {
            return Optional.of(Problem.of(Reason.ACCESS_TOKEN_LIFETIME_INVALID));
        }
        if (app.refreshTokenTtl().compareTo(Duration.ofMinutes(5)) < 0 || app.refreshTokenTtl().compareTo(Duration.ofDays(365)) > 0) {
            return Optional.of(Problem.of(Reason.REFRESH_TOKEN_LIFETIME_INVALID));
        }
        // A refresh token that dies before the access token it renews could never be used.
        if (app.refreshTokenTtl().compareTo(app.accessTokenTtl()) < 0) {
            return Optional.of(Problem.of(Reason.REFRESH_SHORTER_THAN_ACCESS));
        }
        if (app.loginMethods().isEmpty() || !LOGIN_METHODS.containsAll(app.loginMethods())) {
            return Optional.of(Problem.of(Reason.LOGIN_METHODS_INVALID, LOGIN_METHODS.stream().sorted().toList()));
        }
        return Optional.empty();
    }

    public Optional<App> find(String appId) {
        return apps.find(appId);
    }

    /** A new key for the app: the only time its clear text is ever available. */
    @Transactional
    public Outcome<NewApiKey> issueKey(String appId, String label) {
        return addKey(appId, label, ApiKeys.generate());
    }

    /**
     * Adds a key the app already uses elsewhere: an app moving here from another deployment keeps
     * its backends' keys, whatever their format. Only its digest is stored, as for issued keys.
     */
    public Outcome<NewApiKey> importKey(String appId, String label, String apiKey) {
        if (!ApiKeys.acceptableImport(apiKey)) {
            return Outcome.failure(Reason.API_KEY_FORMAT_INVALID, ApiKeys.MIN_IMPORTED_LENGTH, ApiKeys.MAX_LENGTH);
        }
        return addKey(appId, label, apiKey);
    }

    private Outcome<NewApiKey> addKey(String appId, String label, String key) {
        if (apps.find(appId).isEmpty()) {
            return Outcome.failure(Reason.APP_UNKNOWN, appId);
        }
        if (label != null && label.length() > 100) {
            return Outcome.failure(Reason.KEY_LABEL_INVALID);
        }
        UUID id = UUID.randomUUID();
        if (!keys.insertIfAbsent(id, appId, key, label)) {
            return Outcome.failure(Reason.API_KEY_EXISTS);
        }
        return Outcome.success(new NewApiKey(id, appId, ApiKeys.visiblePrefix(key), key));
    }

    public Outcome<List<ApiKeyInfo>> listKeys(String appId) {
        if (apps.find(appId).isEmpty()) {
            return Outcome.failure(Reason.APP_UNKNOWN, appId);
        }
        return Outcome.success(keys.list(appId));
    }

    public Outcome<UUID> revokeKey(String appId, UUID keyId) {
        if (!keys.revoke(appId, keyId)) {
            return Outcome.failure(Reason.API_KEY_NOT_FOUND, keyId, appId);
        }
        // This replica forgets at once; others within the authenticator's cache time.
        authenticator.forgetCachedKeys();
        return Outcome.success(keyId);
    }

    public record NewApiKey(UUID id, String appId, String prefix, String apiKey) {
    }

    /** One page of apps by id, and how many there are in all. */
    public record Page(List<App> apps, int limit, long offset, long total) {
    }

    public record Change(App before, App after) {
    }
}
