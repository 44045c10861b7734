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
}
