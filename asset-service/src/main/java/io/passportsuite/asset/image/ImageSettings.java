package io.passportsuite.asset.image;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much image the service decodes. {@code maxPixels} is checked on the header before any pixel
 * is read. {@code decodingBytes} bounds the heap that images being decoded take at once across all
 * uploads: the reader's image (3 bytes a pixel for a JPEG, 4 for an 8-bit RGBA PNG, 8 for a 16-bit
 * one) plus the 4-byte-a-pixel image it is drawn into. An image waits until its bytes fit, so small
 * ones decode side by side and the largest alone; one that could never fit is refused. The default,
 * 128 MiB, decodes an 8-bit image of {@code maxPixels} (4096 x 4096, a 12-megapixel phone photo
 * fits) but a 16-bit RGBA one of at most 11 megapixels, and needs that much heap besides the
 * service's own.
 * {@code jpegQuality} is that of re-encoded JPEGs. {@code maxWait} bounds how long an upload waits
 * for its turn to be decoded: past it the client hears 503 with Retry-After, well before the
 * gateway's answer deadline for uploads would cut it off with a 504.
 */
@ConfigurationProperties("asset.images")
public record ImageSettings(@DefaultValue("16777216") long maxPixels, @DefaultValue("134217728") long decodingBytes,
        @DefaultValue("0.9") float jpegQuality, @DefaultValue("20s") Duration maxWait) {

    /** An 8-bit RGBA pixel as decoded (4 bytes) and drawn anew (4 bytes). */
    static final long MAX_BYTES_PER_8_BIT_PIXEL = 8;

    public ImageSettings {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("asset.images.max-pixels must be positive");
        }
        if (decodingBytes / MAX_BYTES_PER_8_BIT_PIXEL < maxPixels) {
            throw new IllegalArgumentException("asset.images.decoding-bytes must be at least 8 x asset.images.max-pixels");
        }
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("asset.images.max-wait must not be negative");
        }
        if (jpegQuality <= 0 || jpegQuality > 1) {
            throw new IllegalArgumentException("asset.images.jpeg-quality must be in (0, 1]");
        }
    }
}
