package io.passportsuite.asset.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the bytes of an app's files live: a key names one immutable object. The database records
 * which files exist; a store only keeps bytes, so a file is recorded after {@link #put} returns and
 * removed from the record before {@link #delete}.
 *
 * <p>Every method throws {@link StorageUnavailable} when the store cannot be reached or fails, so
 * callers answer 503 and record nothing half-written.
 */
public interface ObjectStore {

    /** Stores the file at {@code source} (already checked and re-encoded) under {@code key}, replacing nothing half-written. */
    void put(String key, Path source, long size, String contentType);

    /** The object's bytes, or empty when no object has that key. The caller closes the stream. */
    Optional<StoredObject> open(String key);

    /** Removes the object; removing a key that does not exist is no error. */
    void delete(String key);

    record StoredObject(InputStream content, long size) {
    }
}
