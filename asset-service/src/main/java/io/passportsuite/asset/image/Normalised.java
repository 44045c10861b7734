package io.passportsuite.asset.image;

import java.nio.file.Path;

/** What re-encoding an upload came to. */
public sealed interface Normalised {

    /** The re-encoded image in {@code file} (the caller deletes it), without the upload's metadata. */
    record Image(Path file, String contentType, int width, int height) implements Normalised {
    }

    /** Of an allowed type by its signature, but no image can be decoded from it. */
    record Undecodable(String why) implements Normalised {
    }

    /** The header declares more pixels than the service decodes; nothing was decoded. */
    record TooManyPixels(long width, long height, long maxPixels) implements Normalised {
    }

    /**
     * Within the pixel limit, but decoding it would take {@code bytes} of heap, more than the
     * service decodes at once ({@code maxBytes}): deep samples (16 bits a channel) on a large
     * image. Nothing was decoded.
     */
    record TooLargeToDecode(long width, long height, long bytes, long maxBytes) implements Normalised {
    }

    /** Other uploads kept the decoder busy past the wait the service allows; nothing was decoded. */
    record Busy() implements Normalised {
    }
}
