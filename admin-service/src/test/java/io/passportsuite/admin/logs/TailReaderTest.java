package io.passportsuite.admin.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TailReaderTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadTheLastLinesAcrossBlocksOldestFirst() throws IOException {
        Path file = dir.resolve("a.log");
        Files.write(file, IntStream.range(0, 50_000).mapToObj(i -> "line " + i).toList());

        assertThat(TailReader.lastLines(file, 3)).containsExactly("line 49997", "line 49998", "line 49999");
        assertThat(TailReader.lastLines(file, 60_000)).hasSize(50_000).startsWith("line 0").endsWith("line 49999");
    }

    @Test
    void shouldLeaveOutALineStillBeingWrittenAndBlankLines() throws IOException {
        Path file = dir.resolve("b.log");
        Files.writeString(file, "first\n\nsecond\nhalf a li");

        assertThat(TailReader.lastLines(file, 10)).containsExactly("first", "second");
    }

    @Test
    void shouldKeepLinesLongerThanABlockAndMultiByteCharactersWhole() throws IOException {
        Path file = dir.resolve("c.log");
        String longLine = "日志".repeat(20_000);
        Files.writeString(file, "before\n" + longLine + "\n运行日志获取成功\n", StandardCharsets.UTF_8);

        List<String> lines = TailReader.lastLines(file, 3);
        assertThat(lines).containsExactly("before", longLine, "运行日志获取成功");
    }

    @Test
    void shouldReadNothingFromAMissingOrEmptyFile() throws IOException {
        assertThat(TailReader.lastLines(dir.resolve("missing.log"), 5)).isEmpty();
        Path empty = Files.createFile(dir.resolve("empty.log"));
        assertThat(TailReader.lastLines(empty, 5)).isEmpty();
    }
}
