package io.passportsuite.admin.logs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * The collected files as a tar.gz written straight to a stream, one file at a time, never built
 * in memory. Entries are {@code <service>/<file>}, both names checked, so none can point outside
 * a directory when unpacked. A file's size (up to its last whole line) is taken when it is opened
 * and exactly that many bytes are copied: the collector may go on appending meanwhile.
 */
public final class ArchivingLogs {

    private static final DateTimeFormatter FILE_NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss-SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final CollectedLogs logs;
    private final Clock clock;

    ArchivingLogs(CollectedLogs logs, Clock clock) {
        this.logs = logs;
        this.clock = clock;
    }

    /** The archive's name for now: {@code logs-2025-12-23T10-00-00-000Z.tar.gz}. */
    public String fileName() {
        return "logs-" + FILE_NAME.format(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS)) + ".tar.gz";
    }

    /** Whether {@code service} may be asked for; an absent one means every service. */
    public boolean acceptable(Optional<String> service) {
        return service.map(ServiceName::valid).orElse(true);
    }

    /** Writes the archive of one service's files, or of all, to {@code out}, and closes it. */
    public void write(Optional<String> service, OutputStream out) throws IOException {
        List<String> services = service.map(List::of).orElseGet(logs::services);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String name : services) {
                List<Opened> files = open(name);
                try {
                    for (Opened file : files) {
                        add(tar, file);
                    }
                } finally {
                    files.forEach(Opened::close);
                }
            }
            tar.finish();
        }
    }

    // Opened under the read lock, so no roll renames a file between listing and opening it;
    // the open channels then keep their content whatever is renamed or deleted later.
    private List<Opened> open(String service) {
        return logs.reading(() -> {
            List<Opened> opened = new ArrayList<>();
            List<Path> files = new ArrayList<>(logs.files(service));
            java.util.Collections.reverse(files); // oldest first
            for (Path file : files) {
                try {
                    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                    // Whole lines only: the collector may be half-way through one.
                    long complete = TailReader.completeLength(channel, channel.size());
                    opened.add(new Opened(entryName(service, file), channel, complete,
                            java.nio.file.Files.getLastModifiedTime(file)));
                } catch (NoSuchFileException gone) {
                    // deleted since it was listed: nothing to archive
                } catch (IOException e) {
                    opened.forEach(Opened::close);
                    throw new UncheckedIOException("Cannot open " + file, e);
                }
            }
            return opened;
        });
    }

    static String entryName(String service, Path file) {
        String fileName = file.getFileName().toString();
        if (!ServiceName.valid(service) || !fileName.matches("[a-z0-9-]{1,64}(\\.[0-9]{1,4})?\\.log")) {
            throw new IllegalArgumentException("Not an archivable log file: " + service + "/" + fileName);
        }
        return service + "/" + fileName;
    }

    private static void add(TarArchiveOutputStream tar, Opened file) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(file.name);
        entry.setSize(file.size);
        entry.setModTime(file.modified);
        tar.putArchiveEntry(entry);
        InputStream in = Channels.newInputStream(file.channel.position(0));
        long left = file.size;
        byte[] buffer = new byte[64 * 1024];
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                break;
            }
            tar.write(buffer, 0, read);
            left -= read;
        }
        // A file cannot shrink here (rolls rename, never truncate); pad if it somehow did.
        byte[] zeros = new byte[(int) Math.min(buffer.length, Math.max(left, 0))];
        while (left > 0) {
            int n = (int) Math.min(zeros.length, left);
            tar.write(zeros, 0, n);
            left -= n;
        }
        tar.closeArchiveEntry();
    }

    private record Opened(String name, FileChannel channel, long size, FileTime modified) implements AutoCloseable {

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only channel: nothing was lost
            }
        }
    }
}
