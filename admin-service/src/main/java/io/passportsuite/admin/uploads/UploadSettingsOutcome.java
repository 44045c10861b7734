package io.passportsuite.admin.uploads;

import io.passportsuite.admin.asset.AssetReply;
import io.passportsuite.admin.passport.PassportReply;

/**
 * What came of reading or changing an app's upload settings: done, or stopped by passport (no such
 * app, or passport away: asset-service was not asked) or by asset-service.
 */
public sealed interface UploadSettingsOutcome<T> {

    record Done<T>(T value) implements UploadSettingsOutcome<T> {
    }

    /** Passport's reply to whether the app exists, which was no answer. */
    record AppNotConfirmed<T>(PassportReply<?> reply) implements UploadSettingsOutcome<T> {
    }

    record AssetFailed<T>(AssetReply<?> reply) implements UploadSettingsOutcome<T> {
    }
}
