package io.passportsuite.asset.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How far an operator may set an app's own limits.
 *
 * @param largestMaxFileSize the highest per-upload limit an app may be given. It must stay below
 *        what the gateway lets through on the asset route ({@code GATEWAY_UPLOAD_MAX_BODY_BYTES},
 *        11 MiB) less the room this service allows for the multipart around the file (64 KiB):
 *        a higher limit would only promise what the gateway refuses. Raise both together.
 */
@ConfigurationProperties("asset.app-settings")
public record SettingsBounds(@DefaultValue("11200KB") DataSize largestMaxFileSize) {

    /** The smallest per-upload limit: below it no real image fits. */
    public static final long SMALLEST_MAX_FILE_BYTES = 1024;
}
