package io.passportsuite.asset.file;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * What other features may ask of an app's files without reaching into how they are stored: which
 * file one of this service's URLs names, whether the app has that file, and the app's lock, which
 * uploads and deletions of the app already take.
 */
@Component
public class AppFiles {

    private final AssetFiles files;
    private final String urlPrefix;

    AppFiles(AssetFiles files, FileUrls urls) {
        this.files = files;
        // The URL of a file is the prefix and its id; the all-zero id only shows where the id goes.
        String sample = urls.of(new UUID(0, 0));
        this.urlPrefix = sample.substring(0, sample.length() - new UUID(0, 0).toString().length());
    }

    /**
     * The id of the file {@code url} names when it is one of this service's file URLs (a query or
     * a fragment after the id is allowed: clients add them to bust caches); empty for any other URL.
     * Whose file it is, is not checked here: see {@link #holds}.
     */
    public Optional<UUID> fileIdOf(String url) {
        if (url == null || !url.startsWith(urlPrefix)) {
            return Optional.empty();
        }
        String rest = url.substring(urlPrefix.length());
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) == '?' || rest.charAt(i) == '#') {
                end = i;
                break;
            }
        }
        String id = rest.substring(0, end);
        if (id.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    /** Whether the app has this file; another app's file is as absent as one that never existed. */
    public boolean holds(String appId, UUID fileId) {
        return files.findInApp(appId, fileId).isPresent();
    }

    /**
     * Takes the app's lock until the caller's transaction ends (it must run in one): the lock
     * uploads and {@link DeletingFile} take, so nothing of the app changes under the caller.
     */
    public void lockApp(String appId) {
        files.lockApp(appId);
    }
}
