package io.passportsuite.asset.storage;

/** The store could not be reached or failed: the request answers 503 and nothing is recorded. */
public class StorageUnavailable extends RuntimeException {

    public StorageUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
