package io.passportsuite.admin.logs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The collected lines on disk: {@code <dir>/<service>/<service>.log} is written, and rolled to
 * {@code <service>.1.log}, {@code .2.log}... before it would pass {@code maxFileSize}; the
 * oldest of {@code maxFiles} is deleted. One thread (the collector) writes; readers take the
 * read lock so that a roll, which renames files, never happens while they pick files by name.
 */
class CollectedLogs implements AutoCloseable {

    private final Path dir;
    private final long maxFileSize;
    private final int maxFiles;
    private final int maxServices;
    private final Set<String> services;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, CurrentFile> open = new HashMap<>();

    CollectedLogs(LogSettings settings) {
        this.dir = settings.dir().toAbsolutePath().normalize();
        this.maxFileSize = settings.maxFileSize().toBytes();
        this.maxFiles = settings.maxFiles();
        this.maxServices = settings.maxServices();
        this.services = Set.copyOf(settings.services());
    }

    Path dir() {
        return dir;
    }

    /**
     * Appends one line to the service's current file. False, and nothing written, for a name that
     * is not one of the suite's services, a line larger than a whole file, or a new service beyond
     * {@code maxServices}.
     */
    boolean append(String service, String line) {
        if (!ServiceName.valid(service) || !services.contains(service) || line == null) {
            return false;
        }
        byte[] bytes = (line.endsWith("\n") ? line : line + "\n").getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxFileSize) {
            return false;
        }
        try {
            CurrentFile file = open.get(service);
            if (file == null) {
                if (!Files.isDirectory(dir.resolve(service)) && services().size() >= maxServices) {
                    return false;
                }
                file = CurrentFile.open(current(service));
                open.put(service, file);
            }
            if (file.size + bytes.length > maxFileSize) {
                file = roll(service, file);
            }
            file.write(bytes);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the collected log of " + service, e);
        }
    }

    /** Makes what was appended visible to readers. */
    void flush() {
        for (CurrentFile file : open.values()) {
            try {
                file.out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot flush " + file.path, e);
            }
        }
    }

    private CurrentFile roll(String service, CurrentFile full) throws IOException {
        lock.writeLock().lock();
        try {
            full.out.close();
            open.remove(service);
            Files.deleteIfExists(numbered(service, maxFiles - 1));
            for (int i = maxFiles - 2; i >= 1; i--) {
                Path older = numbered(service, i);
                if (Files.exists(older)) {
                    Files.move(older, numbered(service, i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            if (maxFiles > 1) {
                Files.move(full.path, numbered(service, 1), StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.delete(full.path);
            }
            CurrentFile fresh = CurrentFile.open(current(service));
            open.put(service, fresh);
            return fresh;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The services that have a folder, by name. */
    List<String> services() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).map(path -> path.getFileName().toString())
                    .filter(ServiceName::valid).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    /** A service's files that exist, the current one first, then older and older. */
    List<Path> files(String service) {
        if (!ServiceName.valid(service)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < maxFiles; i++) {
            Path file = i == 0 ? current(service) : numbered(service, i);
            if (Files.isRegularFile(file)) {
                files.add(file);
            }
        }
        return files;
    }

    /** Runs {@code read} while no file is renamed or deleted. */
    <T> T reading(Supplier<T> read) {
        lock.readLock().lock();
        try {
            return read.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    Path current(String service) {
        return dir.resolve(service).resolve(service + ".log");
    }

    private Path numbered(String service, int index) {
        return dir.resolve(service).resolve(service + "." + index + ".log");
    }

    @Override
    public void close() {
        for (CurrentFile file : open.values()) {
            try {
                file.out.close();
            } catch (IOException ignored) {
                // closing for good: nothing left to do with it
            }
        }
        open.clear();
    }

    private static final class CurrentFile {

        private final Path path;
        private final OutputStream out;
        private long size;

        private CurrentFile(Path path, OutputStream out, long size) {
            this.path = path;
            this.out = out;
            this.size = size;
        }

        static CurrentFile open(Path path) throws IOException {
            Files.createDirectories(path.getParent());
            OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new CurrentFile(path, new BufferedOutputStream(out, 64 * 1024), Files.size(path));
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            size += bytes.length;
        }
    }
}
