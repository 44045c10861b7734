package io.passportsuite.asset.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemObjectStoreTest {

    @TempDir
    Path root;

    @Test
    void shouldStoreReadAndDeleteAnObjectLeavingNoTemporaryFile() throws IOException {
        FilesystemObjectStore store = new FilesystemObjectStore(root.resolve("objects"));
        Path source = Files.writeString(root.resolve("source"), "pixels");

        store.put("app-a/0123abcd", source, 6, "image/png");

        try (InputStream content = store.open("app-a/0123abcd").orElseThrow().content()) {
            assertThat(new String(content.readAllBytes())).isEqualTo("pixels");
        }
        try (Stream<Path> files = Files.list(root.resolve("objects/app-a"))) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("0123abcd");
        }
        store.delete("app-a/0123abcd");
        store.delete("app-a/0123abcd");
        assertThat(store.open("app-a/0123abcd")).isEmpty();
    }

    @Test
    void shouldRefuseAPutWhoseSizeIsNotTheSourcesAndKeepNothing() throws IOException {
        FilesystemObjectStore store = new FilesystemObjectStore(root.resolve("objects"));
        Path source = Files.writeString(root.resolve("source"), "pixels");

        assertThatThrownBy(() -> store.put("app-a/key", source, 99, "image/png")).isInstanceOf(StorageUnavailable.class);

        try (Stream<Path> files = Files.list(root.resolve("objects/app-a"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void shouldRefuseKeysThatLeaveTheRootOrNameHiddenFiles() {
        FilesystemObjectStore store = new FilesystemObjectStore(root.resolve("objects"));
        for (String key : new String[] {"../escape", "/etc/passwd", "app/../../x", "app/.hidden", "app\\x", "", "app//x",
                "app/x.upload-1.partial", "a/b c"}) {
            assertThatThrownBy(() -> store.open(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
