package io.passportsuite.common.events.asset;

import java.util.UUID;

/**
 * A file was stored for an app: its public URL, the type it was re-encoded to, its size in bytes
 * and pixels, and the SHA-256 of the stored bytes (equal digests are the same content).
 */
public record AssetUploaded(UUID fileId, String url, String contentType, long size, int width, int height, String sha256) {

    public static final String TYPE = "asset.uploaded";
    public static final int VERSION = 1;
}
