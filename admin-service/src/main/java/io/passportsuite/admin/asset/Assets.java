package io.passportsuite.admin.asset;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import feign.FeignException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The back office's calls to asset-service, each ending in an {@link AssetReply} rather than an exception. */
@Component
public class Assets {

    private static final Logger log = LoggerFactory.getLogger(Assets.class);

    /** Passport's rule for app ids: nothing else is sent on as a path segment. */
    private static final Pattern APP_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final AssetApi api;
    private final JsonMapper json;

    Assets(AssetApi api, JsonMapper json) {
        this.api = api;
        this.json = json;
    }

    public AssetReply<AssetSettings> settings(String appId) {
        return call("settings lookup", appId, () -> api.settings(appId));
    }

    /** {@code settings}: asset-service's body, {@code {allowedTypes, maxFileBytes, quotaBytes}}, a null one the default. */
    public AssetReply<AssetSettingsChange> putSettings(String appId, ObjectNode settings) {
        return call("settings change", appId, () -> api.putSettings(appId, settings));
    }

    private <T> AssetReply<T> call(String what, String appId, Supplier<T> call) {
        if (appId == null || !APP_ID.matcher(appId).matches()) {
            return new AssetReply.Refused<>(400, "VALIDATION_FAILED", "appId not allowed");
        }
        try {
            return new AssetReply.Answered<>(call.get());
        } catch (FeignException e) {
            return failure(what, e);
        } catch (RuntimeException e) {
            log.warn("Asset-service {} failed: {}", what, e.toString());
            // The call got as far as an answer, which could not be read.
            return new AssetReply.Unavailable<>(e.getClass().getSimpleName(), true);
        }
    }

    private <T> AssetReply<T> failure(String what, FeignException e) {
        int status = e.status();
        // 401 and 403 are asset-service refusing this service's credential: an operator must fix the
        // configuration, the administrator is told 503.
        boolean credentialRefused = status == 401 || status == 403;
        if (status >= 400 && status < 500 && !credentialRefused) {
            JsonNode body = bodyOf(e);
            return new AssetReply.Refused<>(status, text(body, "error"), text(body, "message"));
        }
        if (credentialRefused) {
            log.error("Asset-service refused the internal credential on the {} ({}): check SUITE_INTERNAL_CREDENTIAL", what, status);
        } else {
            log.warn("Asset-service {} failed: {}", what, status < 0 ? e.getMessage() : "status " + status);
        }
        boolean outcomeUnknown = status >= 500 || status < 0 && !neverSent(e);
        return new AssetReply.Unavailable<>(status < 0 ? "unreachable" : "status " + status, outcomeUnknown);
    }

    /** A connection that was refused or not made in time: the request never reached asset-service. */
    private static boolean neverSent(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException || cause instanceof UnknownHostException) {
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
}
