package io.passportsuite.asset.image;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much image the service decodes: {@code maxPixels} is checked on the header before any pixel
 * is read (a decoded pixel takes 4 bytes of heap, so 16,777,216 pixels is 64 MiB); {@code jpegQuality}
 * is that of re-encoded JPEGs; {@code concurrentDecodes} bounds how many images are decoded at once
 * (each can take up to twice the pixel budget while it is turned and re-encoded).
 */
@ConfigurationProperties("asset.images")
public record ImageSettings(@DefaultValue("16777216") long maxPixels, @DefaultValue("0.9") float jpegQuality,
        @DefaultValue("2") int concurrentDecodes) {

    public ImageSettings {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("asset.images.max-pixels must be positive");
        }
        if (concurrentDecodes < 1) {
            throw new IllegalArgumentException("asset.images.concurrent-decodes must be positive");
        }
        if (jpegQuality <= 0 || jpegQuality > 1) {
            throw new IllegalArgumentException("asset.images.jpeg-quality must be in (0, 1]");
        }
    }
}
