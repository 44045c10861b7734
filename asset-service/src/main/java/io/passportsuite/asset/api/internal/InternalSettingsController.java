package io.passportsuite.asset.api.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.asset.settings.AppSettings;
import io.passportsuite.asset.settings.ChangingAppSettings;
import io.passportsuite.asset.settings.OwnSettings;
import io.passportsuite.asset.settings.SettingsChange;
import io.passportsuite.asset.settings.ShowingAppSettings;
import io.passportsuite.asset.web.ErrorAnswers;
import io.passportsuite.asset.web.Refusal;
import io.passportsuite.common.error.ErrorCode;
import tools.jackson.databind.JsonNode;

/**
 * An app's upload settings for the suite's services (admin-service acts for the operator): never
 * routed by the gateway, answered only with the suite's credential. camelCase, plain errors.
 */
@RestController
@RequestMapping("/internal/apps/{appId}/settings")
class InternalSettingsController {

    /** Passport's rule for app ids. */
    private static final Pattern APP_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Set<String> FIELDS = Set.of("allowedTypes", "maxFileBytes", "quotaBytes");

    private final ShowingAppSettings showing;
    private final ChangingAppSettings changing;

    InternalSettingsController(ShowingAppSettings showing, ChangingAppSettings changing) {
        this.showing = showing;
        this.changing = changing;
    }

    @GetMapping
    SettingsView settings(@PathVariable String appId) {
        return SettingsView.of(showing.of(appIdOf(appId)));
    }

    /** {@code {allowedTypes, maxFileBytes, quotaBytes}}: all three are set, a null or absent one back to the default. */
    @PutMapping
    ResponseEntity<Object> change(@PathVariable String appId, @RequestBody(required = false) JsonNode body) {
        String app = appIdOf(appId);
        return switch (changing.change(app, settingsOf(body))) {
            case SettingsChange.Saved(AppSettings before, AppSettings after) ->
                    ResponseEntity.ok(new ChangeView(SettingsView.of(before), SettingsView.of(after)));
            case SettingsChange.Invalid(String field, String reason) -> ErrorAnswers.of(ErrorCode.VALIDATION_FAILED, field + " " + reason);
        };
    }

    private static String appIdOf(String appId) {
        if (!APP_ID.matcher(appId).matches()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "appId must be 1-64 of a-z, 0-9, '_' and '-', starting with a letter or digit");
        }
        return appId;
    }

    private static OwnSettings settingsOf(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new Refusal(ErrorCode.MALFORMED_REQUEST, "The request body must be a JSON object");
        }
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw new Refusal(ErrorCode.VALIDATION_FAILED, "Unknown field " + (field.length() > 64 ? field.substring(0, 64) : field)
                        + ": the settings are allowedTypes, maxFileBytes and quotaBytes");
            }
        }
        return new OwnSettings(texts(body, "allowedTypes"), bytes(body, "maxFileBytes"), bytes(body, "quotaBytes"));
    }

    private static List<String> texts(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, field + " must be an array of content types, or null for the default");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isString()) {
                throw new Refusal(ErrorCode.VALIDATION_FAILED, field + " must be an array of content types, or null for the default");
            }
            texts.add(element.asString());
        }
        return texts;
    }

    private static Long bytes(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, field + " must be a whole number of bytes, or null for the default");
        }
        return value.longValue();
    }

    record SettingsView(String appId, List<String> allowedTypes, long maxFileBytes, long quotaBytes, List<String> fromDefaults,
            Usage usage) {

        static SettingsView of(AppSettings settings) {
            return new SettingsView(settings.appId(), settings.allowedTypes(), settings.maxFileBytes(), settings.quotaBytes(),
                    settings.fromDefaults(), new Usage(settings.storedBytes(), settings.fileCount()));
        }
    }

    record Usage(long storedBytes, long fileCount) {
    }

    record ChangeView(SettingsView before, SettingsView after) {
    }
}
