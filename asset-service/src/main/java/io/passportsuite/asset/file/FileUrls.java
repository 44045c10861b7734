package io.passportsuite.asset.file;

import java.util.UUID;

import org.springframework.stereotype.Component;

/** A file's public URL: the configured base, then the file id. */
@Component
class FileUrls {

    private final String base;

    FileUrls(UploadDefaults defaults) {
        this.base = defaults.publicBaseUrl();
    }

    String of(UUID fileId) {
        return base + "/" + fileId;
    }
}
