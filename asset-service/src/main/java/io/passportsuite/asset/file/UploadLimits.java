package io.passportsuite.asset.file;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.passportsuite.asset.image.ImageFormat;

/** What one app may upload: allowed formats, bytes per upload, bytes stored in all. */
public record UploadLimits(Set<ImageFormat> allowed, long maxFileBytes, long quotaBytes) {

    public UploadLimits {
        allowed = allowed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowed));
    }

    public boolean allows(ImageFormat format) {
        return allowed.contains(format);
    }

    /** Content types no format has (a typo in the settings) allow nothing rather than fail the upload. */
    static Set<ImageFormat> formatsOf(List<String> contentTypes) {
        Set<ImageFormat> formats = EnumSet.noneOf(ImageFormat.class);
        contentTypes.stream().map(ImageFormat::ofContentType).flatMap(Optional::stream).forEach(formats::add);
        return formats;
    }
}
