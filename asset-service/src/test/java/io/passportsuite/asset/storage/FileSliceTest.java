package io.passportsuite.asset.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSliceTest {

    @TempDir
    Path files;

    @Test
    void shouldReadTheStretchAskedFor() throws IOException {
        Path file = Files.writeString(files.resolve("f"), "0123456789");

        try (InputStream middle = FileSlice.open(file, 3, 4, false)) {
            assertThat(middle.readAllBytes()).asString().isEqualTo("3456");
        }
        try (InputStream tail = FileSlice.open(file, 7, 3, true)) {
            assertThat(tail.readAllBytes()).asString().isEqualTo("789");
        }
    }

    @Test
    void shouldFailWhenTheFileEndsEarly() throws IOException {
        Path file = Files.writeString(files.resolve("f"), "0123456789");

        try (InputStream slice = FileSlice.open(file, 8, 4, true)) {
            assertThatThrownBy(slice::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("2 bytes before");
        }
    }

    @Test
    void shouldFailWhenTheFileGoesOnPastItsDeclaredEnd() throws IOException {
        Path file = Files.writeString(files.resolve("f"), "0123456789");

        try (InputStream slice = FileSlice.open(file, 5, 4, true)) {
            // Found with the last byte asked for, before any read past it.
            assertThatThrownBy(() -> slice.readNBytes(4)).isInstanceOf(IOException.class).hasMessageContaining("longer");
        }
        try (InputStream empty = FileSlice.open(file, 0, 0, true)) {
            assertThatThrownBy(empty::read).isInstanceOf(IOException.class).hasMessageContaining("longer");
        }
    }
}
