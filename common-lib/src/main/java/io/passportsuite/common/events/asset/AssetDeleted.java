package io.passportsuite.common.events.asset;

import java.util.UUID;

/** A file was deleted by its app: its URL answers 404 from now on. */
public record AssetDeleted(UUID fileId, String url) {

    public static final String TYPE = "asset.deleted";
    public static final int VERSION = 1;
}
