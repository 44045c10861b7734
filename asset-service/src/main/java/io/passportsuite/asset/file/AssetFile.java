package io.passportsuite.asset.file;

import java.time.Instant;
import java.util.UUID;

/** A stored file of an app; its bytes are the object {@code storageKey} names, whose SHA-256 is {@code sha256}. */
public record AssetFile(UUID fileId, String appId, String contentType, long size, int width, int height, String sha256,
        String storageKey, Instant createdAt) {
}
