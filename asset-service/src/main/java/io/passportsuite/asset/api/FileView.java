package io.passportsuite.asset.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.asset.file.AssetFile;

/** An uploaded file as the canonical API shows it. */
record FileView(@JsonProperty("file_id") String fileId, String url, @JsonProperty("content_type") String contentType, long size,
        int width, int height) {

    static FileView of(AssetFile file, String url) {
        return new FileView(file.fileId().toString(), url, file.contentType(), file.size(), file.width(), file.height());
    }
}
