package io.passportsuite.admin.passport;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import feign.FeignException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The back office's calls to passport, each ending in a {@link PassportReply} rather than an exception. */
@Component
public class Passport {

    private static final Logger log = LoggerFactory.getLogger(Passport.class);

    private final PassportApi api;
    private final JsonMapper json;

    Passport(PassportApi api, JsonMapper json) {
        this.api = api;
        this.json = json;
    }

    /** A 401 here is passport's one answer to every failed login: wrong password, no such admin, disabled. */
    public PassportReply<AdminSession> openAdminSession(String identifier, String password, String clientIp, String userAgent) {
        return call("admin login", true, () -> api.openAdminSession(
                new PassportApi.AdminSessionRequest(identifier, password, clientIp, userAgent)));
    }

    public PassportReply<PassportUser> user(String appId, UUID userId) {
        return call("user lookup", false, () -> api.user(appId, userId.toString()).user());
    }

    /** Passport checks the app's password policy and ends every session of the user. */
    public PassportReply<Void> resetPassword(String appId, UUID userId, String newPassword) {
        return call("password reset", false, () -> {
            api.resetPassword(appId, userId.toString(), new PassportApi.NewPassword(newPassword));
            return null;
        });
    }

    public PassportReply<AppPage> apps(int limit, long offset) {
        return call("app list", false, () -> api.apps(limit, offset));
    }

    public PassportReply<PassportApp> app(String appId) {
        return call("app lookup", false, () -> api.app(appId));
    }

    public PassportReply<PassportApp> createApp(String appId, AppSettingsChange settings) {
        return call("app creation", false, () -> api.createApp(new PassportApi.NewApp(appId, settings)));
    }

    /** Passport checks the settings as a whole and answers them before and after. */
    public PassportReply<SettingsChanged> changeApp(String appId, AppSettingsChange change) {
        return call("app settings change", false, () -> api.changeApp(appId, change));
    }

    public PassportReply<IssuedApiKey> issueKey(String appId, String label) {
        return call("API key issue", false, () -> api.issueKey(appId, new PassportApi.KeyLabel(label)));
    }

    public PassportReply<List<ApiKey>> keys(String appId) {
        return call("API key list", false, () -> api.keys(appId));
    }

    public PassportReply<Void> revokeKey(String appId, UUID keyId) {
        return call("API key revocation", false, () -> {
            api.revokeKey(appId, keyId.toString());
            return null;
        });
    }

    public PassportReply<UserPage> users(String appId, UserQuery query) {
        return call("user search", false, () -> api.searchUsers(appId, query.parameters()));
    }

    /** Passport checks each field as registration and profile edits do; a new role ends the user's sessions. */
    public PassportReply<UserChange> editUser(String appId, UUID userId, JsonNode changes) {
        return call("user edit", false, () -> api.editUser(appId, userId.toString(), changes));
    }

    /**
     * Passport erases the account and everything it keeps of it, ends its sessions (its tokens are
     * refused at the gateway) and announces user.deleted; an account deleted already is a 404.
     */
    public PassportReply<Void> deleteUser(String appId, UUID userId) {
        return call("user deletion", false, () -> {
            api.deleteUser(appId, userId.toString());
            return null;
        });
    }

    /** Passport ends every session of the user; disabling a disabled user is no change. */
    public PassportReply<Void> disableUser(String appId, UUID userId) {
        return call("user disable", false, () -> {
            api.disableUser(appId, userId.toString());
            return null;
        });
    }

    public PassportReply<Void> enableUser(String appId, UUID userId) {
        return call("user enable", false, () -> {
            api.enableUser(appId, userId.toString());
            return null;
        });
    }

    public PassportReply<SessionList> sessions(String appId, UUID userId) {
        return call("session list", false, () -> api.sessions(appId, userId.toString()));
    }

    /** Ending an ended session of the user is no change; another user's session is a 404. */
    public PassportReply<Void> endSession(String appId, UUID userId, UUID sessionId) {
        return call("session end", false, () -> {
            api.endSession(appId, userId.toString(), sessionId.toString());
            return null;
        });
    }

    private <T> PassportReply<T> call(String what, boolean unauthorizedIsAnAnswer, Supplier<T> call) {
        try {
            return new PassportReply.Answered<>(call.get());
        } catch (FeignException e) {
            return failure(what, unauthorizedIsAnAnswer, e);
        } catch (RuntimeException e) {
            log.warn("Passport {} failed: {}", what, e.toString());
            // Passport answered (or the call got that far) and the answer could not be read.
            return new PassportReply.Unavailable<>(e.getClass().getSimpleName(), true);
        }
    }

    private <T> PassportReply<T> failure(String what, boolean unauthorizedIsAnAnswer, FeignException e) {
        int status = e.status();
        // 403 is passport refusing this service's credential (or its absence): an operator must fix
        // the configuration; the administrator is told the service is unavailable, never that they failed.
        boolean credentialRefused = status == 403 || status == 401 && !unauthorizedIsAnAnswer;
        if (status >= 400 && status < 500 && !credentialRefused) {
            JsonNode body = bodyOf(e);
            return new PassportReply.Refused<>(status, text(body, "error"), text(body, "message"), retryAfterOf(e));
        }
        if (credentialRefused) {
            log.error("Passport refused the internal credential on the {} ({}): check SUITE_INTERNAL_CREDENTIAL", what, status);
        } else {
            log.warn("Passport {} failed: {}", what, status < 0 ? e.getMessage() : "status " + status);
        }
        boolean outcomeUnknown = status >= 500 || status < 0 && !neverSent(e);
        return new PassportReply.Unavailable<>(status < 0 ? "unreachable" : "status " + status, outcomeUnknown);
    }

    /** A connection that was refused or not made in time: the request never reached passport. */
    private static boolean neverSent(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                    || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private JsonNode bodyOf(FeignException e) {
        try {
            return e.contentUTF8() == null || e.contentUTF8().isBlank() ? null : json.readTree(e.contentUTF8());
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        return body != null && body.get(field) != null && body.get(field).isString() ? body.get(field).asString() : null;
    }

    private static String retryAfterOf(FeignException e) {
        return e.responseHeaders().entrySet().stream()
                .filter(header -> "retry-after".equalsIgnoreCase(header.getKey()))
                .map(Map.Entry::getValue)
                .flatMap(Collection::stream)
                .findFirst().orElse(null);
    }
}
