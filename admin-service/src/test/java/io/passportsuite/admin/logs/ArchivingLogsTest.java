package io.passportsuite.admin.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import io.passportsuite.common.events.Topics;

class ArchivingLogsTest {

    @TempDir
    Path dir;

    @Test
    void shouldNameTheArchiveAfterTheInstantWithoutColonsOrDots() {
        Clock clock = Clock.fixed(Instant.parse("2025-12-23T10:00:00Z"), ZoneOffset.UTC);
        assertThat(archiving(clock).fileName()).isEqualTo("logs-2025-12-23T10-00-00-000Z.tar.gz");
        Clock later = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678901Z"), ZoneOffset.UTC);
        assertThat(archiving(later).fileName()).isEqualTo("logs-2026-01-02T03-04-05-678Z.tar.gz");
    }

    @Test
    void shouldArchiveRolledAndCurrentFilesOldestFirstWithoutALineStillBeingWritten() throws IOException {
        Path service = Files.createDirectories(dir.resolve("gateway"));
        Files.writeString(service.resolve("gateway.1.log"), "old 1\nold 2\n");
        Files.writeString(service.resolve("gateway.log"), "new 1\nnew 2\nhalf wri");
        Files.writeString(dir.resolve(".positions"), "suite.logs.v1:0=3\n");
        Files.createDirectories(dir.resolve("Not-A-Service"));
        Files.writeString(dir.resolve("Not-A-Service").resolve("x.log"), "hidden\n");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        archiving(Clock.systemUTC()).write(Optional.empty(), out);

        Map<String, String> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(out.toByteArray())))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).containsExactly(Map.entry("gateway/gateway.1.log", "old 1\nold 2\n"),
                Map.entry("gateway/gateway.log", "new 1\nnew 2\n"));
    }

    @Test
    void shouldRefuseEntryNamesThatCouldLeaveTheirDirectory() {
        assertThat(ArchivingLogs.entryName("gateway", Path.of("gateway.3.log"))).isEqualTo("gateway/gateway.3.log");
        assertThatIllegalArgumentException().isThrownBy(() -> ArchivingLogs.entryName("..", Path.of("a.log")));
        assertThatIllegalArgumentException().isThrownBy(() -> ArchivingLogs.entryName("gateway", Path.of("..")));
        assertThatIllegalArgumentException().isThrownBy(() -> ArchivingLogs.entryName("gateway", Path.of(".positions")));
    }

    private ArchivingLogs archiving(Clock clock) {
        return new ArchivingLogs(new CollectedLogs(new LogSettings(false, dir, Topics.LOGS, DataSize.ofMegabytes(1), 3, 16,
                Duration.ofHours(1), List.of("gateway"))), clock);
    }
}
