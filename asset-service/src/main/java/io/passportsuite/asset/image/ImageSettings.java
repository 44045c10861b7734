package io.passportsuite.asset.image;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much image the service decodes. {@code maxPixels} is checked on the header before any pixel
 * is read. {@code decodingPixels} bounds the pixels being decoded at once across all uploads: an
 * image waits until its pixels fit, so small ones decode side by side and the largest alone. A
 * pixel takes about 8 bytes of heap while it is decoded and drawn anew, so the default (4096 x 4096,
 * a 12-megapixel phone photo fits) needs some 130 MiB of heap besides the service's own.
 * {@code jpegQuality} is that of re-encoded JPEGs.
 */
@ConfigurationProperties("asset.images")
public record ImageSettings(@DefaultValue("16777216") long maxPixels, @DefaultValue("16777216") long decodingPixels,
        @DefaultValue("0.9") float jpegQuality) {

    public ImageSettings {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("asset.images.max-pixels must be positive");
        }
        if (decodingPixels < maxPixels) {
            throw new IllegalArgumentException("asset.images.decoding-pixels must be at least asset.images.max-pixels");
        }
        if (jpegQuality <= 0 || jpegQuality > 1) {
            throw new IllegalArgumentException("asset.images.jpeg-quality must be in (0, 1]");
        }
    }
}
