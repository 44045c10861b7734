package io.passportsuite.asset.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Objects as files under one root directory, a key's segments as folders. An object appears whole
 * or not at all: its bytes are copied to a temporary file in the target's own directory (the same
 * file system) and moved into place atomically, so a reader never sees half a file.
 */
public class FilesystemObjectStore implements ObjectStore {

    /**
     * Segments of letters, digits, '.', '_' and '-' that start with a letter or digit: no absolute
     * path, no {@code ..}, no hidden file, no separator of another platform.
     */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9][A-Za-z0-9._-]{0,127}){0,7}");
    private static final String TEMPORARY_SUFFIX = ".partial";

    private final Path root;

    public FilesystemObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the asset directory " + this.root, e);
        }
    }

    @Override
    public void put(String key, Path source, long size, String contentType) {
        Path target = pathOf(key);
        Path temporary = null;
        try {
            Files.createDirectories(target.getParent());
            temporary = Files.createTempFile(target.getParent(), ".upload-", TEMPORARY_SUFFIX);
            Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING);
            if (Files.size(temporary) != size) {
                throw new IOException("Copied " + Files.size(temporary) + " bytes of " + size);
            }
            move(temporary, target);
            temporary = null;
        } catch (IOException e) {
            throw new StorageUnavailable("Cannot store " + key, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    @Override
    public Optional<StoredObject> open(String key) {
        Path path = pathOf(key);
        try {
            InputStream content = Files.newInputStream(path);
            return Optional.of(new StoredObject(content, Files.size(path)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageUnavailable("Cannot read " + key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(pathOf(key));
        } catch (IOException e) {
            throw new StorageUnavailable("Cannot delete " + key, e);
        }
    }

    /** The file of {@code key}, which must be a key this store accepts and stay under the root. */
    Path pathOf(String key) {
        if (key == null || !KEY.matcher(key).matches() || key.endsWith(TEMPORARY_SUFFIX)) {
            throw new IllegalArgumentException("Not a storage key: " + key);
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("Not a storage key: " + key);
        }
        return path;
    }

    private static void move(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so the same file system: only exotic mounts land here; a plain rename is the best they offer.
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A leftover ".partial" file is never read: no key names it.
        }
    }
}
