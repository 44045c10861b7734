package io.passportsuite.asset.file;

import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.passportsuite.asset.storage.ObjectStore;

/**
 * Finds a file by its id alone, whatever its app: file URLs are public (an avatar is shown to
 * anyone), and an id is a random UUID nobody guesses.
 */
@Service
public class ServingFile {

    private static final Logger log = LoggerFactory.getLogger(ServingFile.class);

    private final AssetFiles files;
    private final ObjectStore store;

    ServingFile(AssetFiles files, ObjectStore store) {
        this.files = files;
        this.store = store;
    }

    public Optional<AssetFile> find(UUID fileId) {
        return files.find(fileId);
    }

    /** The file's bytes; empty (and logged) when its object has gone missing from the store. */
    public Optional<ObjectStore.StoredObject> open(AssetFile file) {
        Optional<ObjectStore.StoredObject> object = store.open(file.storageKey());
        if (object.isEmpty()) {
            log.warn("File {} of app {} has no object {} in the store", file.fileId(), file.appId(), file.storageKey());
        }
        return object;
    }
}
