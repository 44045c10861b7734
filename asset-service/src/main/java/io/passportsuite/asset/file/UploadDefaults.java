package io.passportsuite.asset.file;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of an app that has none of its own in {@code asset_app_settings}: the image types it may
 * upload (by content type, decided from the bytes), the largest upload, and the storage its files
 * may take in all. {@code publicBaseUrl} is where clients fetch files: a file's URL is it plus
 * {@code /} and the file id.
 */
@ConfigurationProperties("asset.uploads")
public record UploadDefaults(
        @DefaultValue({"image/jpeg", "image/png", "image/webp", "image/gif"}) List<String> allowedTypes,
        @DefaultValue("10MB") DataSize maxFileSize,
        @DefaultValue("1GB") DataSize quota,
        @DefaultValue("http://127.0.0.1:8080/asset/v1/files") String publicBaseUrl) {

    public UploadDefaults {
        allowedTypes = List.copyOf(allowedTypes);
        publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }
}
