package io.passportsuite.asset.file;

/** What an upload came to. */
public sealed interface Upload {

    /** Stored (or, for content the app already holds, recorded again under a new id). */
    record Stored(AssetFile file, String url) implements Upload {
    }

    /** More bytes than the app's limit. */
    record TooLarge(long maxFileBytes) implements Upload {
    }

    /** Not one of the app's allowed image types by its bytes; {@code detected} is null when no image type at all. */
    record NotAllowed(String detected) implements Upload {
    }

    /** An allowed type by its signature, but no image could be decoded. */
    record Undecodable(String why) implements Upload {
    }

    /** The header declares more pixels than the service decodes. */
    record TooManyPixels(long width, long height, long maxPixels) implements Upload {
    }

    /** Within the pixel limit, but too many bytes a pixel (16-bit samples) to decode at that size. */
    record TooLargeToDecode(long width, long height, long maxBytes) implements Upload {
    }

    /** Storing it would take the app past its quota. */
    record QuotaExceeded(long quotaBytes, long storedBytes) implements Upload {
    }

    /** Other uploads of the app kept it waiting too long for its turn to be stored. */
    record Busy(long retryAfterSeconds) implements Upload {
    }
}
