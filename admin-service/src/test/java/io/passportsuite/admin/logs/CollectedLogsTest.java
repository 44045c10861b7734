package io.passportsuite.admin.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import io.passportsuite.common.events.Topics;

/** The disk bound: files roll and the oldest go, whatever arrives. */
class CollectedLogsTest {

    @TempDir
    Path dir;

    private CollectedLogs logs(int maxFiles, int maxServices) {
        return new CollectedLogs(new LogSettings(false, dir, Topics.LOGS, DataSize.ofKilobytes(1), maxFiles, maxServices,
                Duration.ofHours(1), List.of("gateway", "one", "two", "three", "big")));
    }

    @Test
    void shouldKeepEachServiceWithinMaxFilesOfMaxFileSizeAndKeepTheNewestLines() throws IOException {
        try (CollectedLogs logs = logs(3, 16)) {
            for (int i = 0; i < 10_000; i++) {
                assertThat(logs.append("gateway", "{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"message\":\"line " + i + "\"}"))
                        .isTrue();
            }
            logs.flush();

            List<Path> files = logs.files("gateway");
            assertThat(files).extracting(file -> file.getFileName().toString())
                    .containsExactly("gateway.log", "gateway.1.log", "gateway.2.log");
            try (Stream<Path> all = Files.list(dir.resolve("gateway"))) {
                assertThat(all).hasSize(3);
            }
            for (Path file : files) {
                assertThat(Files.size(file)).isLessThanOrEqualTo(1024);
            }
            assertThat(TailReader.lastLines(files.getFirst(), 1)).singleElement().asString().contains("\"line 9999\"");
            // Rolled files end on whole lines.
            assertThat(Files.readString(files.get(1))).endsWith("\n");
        }
    }

    @Test
    void shouldDropLinesOfNamesThatAreNotServiceNames() throws IOException {
        try (CollectedLogs logs = logs(2, 16)) {
            for (String name : new String[] {"..", "../etc", "/abs", "Gateway", "a/b", "", "x".repeat(65), "a.b", "é"}) {
                assertThat(logs.append(name, "line")).as(name).isFalse();
            }
            assertThat(logs.append(null, "line")).isFalse();
            logs.flush();
        }
        try (Stream<Path> all = Files.list(dir)) {
            assertThat(all).isEmpty();
        }
    }

    @Test
    void shouldKeepNoMoreThanMaxServicesFolders() {
        try (CollectedLogs logs = logs(2, 2)) {
            assertThat(logs.append("one", "a")).isTrue();
            assertThat(logs.append("two", "b")).isTrue();
            assertThat(logs.append("three", "c")).isFalse();
            assertThat(logs.append("one", "d")).isTrue();
            assertThat(logs.services()).containsExactly("one", "two");
        }
    }

    @Test
    void shouldDropLinesOfNamesThatAreNoneOfTheSuitesServices() throws IOException {
        try (CollectedLogs logs = logs(2, 16)) {
            for (int i = 0; i < 20; i++) {
                assertThat(logs.append("intruder-" + i, "line")).isFalse();
            }
            assertThat(logs.append("gateway", "line")).isTrue();
            assertThat(logs.services()).containsExactly("gateway");
        }
    }

    @Test
    void shouldDropALineLargerThanAWholeFile() {
        try (CollectedLogs logs = logs(2, 2)) {
            assertThat(logs.append("big", "x".repeat(2048))).isFalse();
            assertThat(logs.append("big", "small")).isTrue();
            logs.flush();
            assertThat(TailReader.lastLines(logs.current("big"), 10)).containsExactly("small");
        }
    }
}
