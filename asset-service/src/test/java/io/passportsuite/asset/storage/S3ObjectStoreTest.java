package io.passportsuite.asset.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import io.passportsuite.asset.storage.ObjectStore.StoredObject;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store against a real S3-compatible server. */
class S3ObjectStoreTest {

    private static final String BUCKET = "assets";
    private static final long PART_SIZE = DataSize.ofMegabytes(8).toBytes();
    /** Far above what a refused or silent store takes here; it only catches a wait of minutes. */
    private static final Duration NO_HANG = Duration.ofSeconds(30);

    private static S3ProxyServer server;
    private static S3Client admin;
    private static S3Client client;

    @TempDir
    Path files;

    private final ObjectStore store = new S3ObjectStore(client, BUCKET, PART_SIZE);

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start();
        admin = server.client();
        admin.createBucket(r -> r.bucket(BUCKET));
        client = S3StorageConfiguration.client(server.settings(BUCKET));
    }

    @AfterAll
    static void stopServer() {
        if (client != null) {
            client.close();
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldStoreReadAndDeleteASmallFile() throws IOException {
        byte[] bytes = randomBytes(70_000, 1);
        Path source = write("small.png", bytes);
        String key = key();

        store.put(key, source, bytes.length, "image/png");

        StoredObject stored = store.open(key).orElseThrow();
        try (InputStream content = stored.content()) {
            assertThat(stored.size()).isEqualTo(bytes.length);
            assertThat(content.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(admin.headObject(r -> r.bucket(BUCKET).key(key)).contentType()).isEqualTo("image/png");

        store.delete(key);

        assertThat(store.open(key)).isEmpty();
    }

    @Test
    void shouldStoreAnEmptyFile() throws IOException {
        Path source = write("empty.txt", new byte[0]);
        String key = key();

        store.put(key, source, 0, "text/plain");

        StoredObject stored = store.open(key).orElseThrow();
        try (InputStream content = stored.content()) {
            assertThat(stored.size()).isZero();
            assertThat(content.readAllBytes()).isEmpty();
        }
    }

    @Test
    void shouldFindNothingUnderAMissingKey() {
        assertThat(store.open(key())).isEmpty();
    }

    @Test
    void shouldDeleteAMissingKeyWithoutError() {
        assertThatCode(() -> store.delete(key())).doesNotThrowAnyException();
    }

    @Test
    void shouldStoreALargeFileInParts() throws IOException {
        long size = DataSize.ofMegabytes(20).toBytes() + 12_345;
        Path source = writeRandom("large.bin", size, 2);
        String key = key();

        store.put(key, source, size, "application/octet-stream");

        StoredObject stored = store.open(key).orElseThrow();
        try (InputStream content = stored.content()) {
            assertThat(stored.size()).isEqualTo(size);
            assertThat(sha256(content)).isEqualTo(sha256(source));
        }
        // A multipart object's ETag counts its parts: 8 + 8 + the rest.
        assertThat(admin.headObject(r -> r.bucket(BUCKET).key(key)).eTag()).endsWith("-3\"");
        assertNoPendingUpload(key);
    }

    @Test
    void shouldLeaveNeitherObjectNorPendingUploadWhenTheFileEndsBeforeItsDeclaredSize() throws IOException {
        long declared = DataSize.ofMegabytes(20).toBytes();
        Path source = writeRandom("short.bin", DataSize.ofMegabytes(12).toBytes(), 3);
        String key = key();

        // The first part goes up, the second finds the file ended: the upload is aborted.
        assertThatThrownBy(() -> store.put(key, source, declared, "application/octet-stream"))
                .isInstanceOf(StorageUnavailable.class)
                .hasStackTraceContaining("before its declared size");

        assertThat(store.open(key)).isEmpty();
        assertNoPendingUpload(key);
    }

    @Test
    void shouldLeaveNeitherObjectNorPendingUploadWhenTheFileIsLongerThanDeclared() throws IOException {
        long declared = DataSize.ofMegabytes(17).toBytes();
        Path source = writeRandom("long.bin", declared + 1, 4);
        String key = key();

        assertThatThrownBy(() -> store.put(key, source, declared, "application/octet-stream"))
                .isInstanceOf(StorageUnavailable.class)
                .hasStackTraceContaining("longer than its declared size");

        assertThat(store.open(key)).isEmpty();
        assertNoPendingUpload(key);
    }

    @Test
    void shouldBeUnavailableAndStoreNothingWhenTheStoreDiesPartWay() throws IOException {
        long size = DataSize.ofMegabytes(20).toBytes();
        Path source = writeRandom("large.bin", size, 8);
        String key = key();
        try (S3ProxyServer dying = S3ProxyServer.start();
                S3Client direct = S3StorageConfiguration.client(dying.settings(BUCKET))) {
            direct.createBucket(r -> r.bucket(BUCKET));
            ObjectStore failing = new S3ObjectStore(new DyingAfterFirstPart(direct, dying::kill), BUCKET, PART_SIZE);

            assertTimeoutPreemptively(NO_HANG, () -> assertThatThrownBy(
                    () -> failing.put(key, source, size, "application/octet-stream"))
                    .isInstanceOf(StorageUnavailable.class)
                    // The abort could not reach the store either, and says so rather than hide the failure.
                    .satisfies(e -> assertThat(e.getCause().getSuppressed()).isNotEmpty()));

            dying.restart();
            assertThat(new S3ObjectStore(direct, BUCKET, PART_SIZE).open(key)).isEmpty();
            // What the abort could not remove waits for the bucket's lifecycle rule (see the README).
            assertThat(direct.listMultipartUploads(r -> r.bucket(BUCKET).prefix(key)).uploads()).hasSize(1);
        }
    }

    @Test
    void shouldStoreNothingWhenASmallFileIsNotItsDeclaredSize() throws IOException {
        Path source = write("short.png", randomBytes(1_000, 5));
        String key = key();

        assertThatThrownBy(() -> store.put(key, source, 2_000, "image/png")).isInstanceOf(StorageUnavailable.class);
        assertThatThrownBy(() -> store.put(key, source, 999, "image/png")).isInstanceOf(StorageUnavailable.class);

        assertThat(store.open(key)).isEmpty();
    }

    @Test
    void shouldBeUnavailableWhenTheFileToStoreCannotBeRead() {
        Path missing = files.resolve("gone.png");

        assertThatThrownBy(() -> store.put(key(), missing, 100, "image/png")).isInstanceOf(StorageUnavailable.class);
        assertThatThrownBy(() -> store.put(key(), missing, PART_SIZE * 2, "image/png")).isInstanceOf(StorageUnavailable.class);
    }

    @Test
    void shouldBeUnavailableWhenNothingListensOnTheEndpoint() throws IOException {
        Path source = write("small.png", randomBytes(100, 6));
        URI closed = URI.create("http://127.0.0.1:" + closedPort());
        try (S3Client unreachable = S3StorageConfiguration.client(
                S3ProxyServer.settings(closed, BUCKET, S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL))) {
            ObjectStore offline = new S3ObjectStore(unreachable, BUCKET, PART_SIZE);

            assertTimeoutPreemptively(NO_HANG, () -> {
                assertThatThrownBy(() -> offline.put(key(), source, 100, "image/png")).isInstanceOf(StorageUnavailable.class);
                assertThatThrownBy(() -> offline.open(key())).isInstanceOf(StorageUnavailable.class);
                assertThatThrownBy(() -> offline.delete(key())).isInstanceOf(StorageUnavailable.class);
            });
        }
    }

    @Test
    void shouldBeUnavailableWhenTheStoreAcceptsConnectionsButNeverAnswers() throws IOException {
        // The operating system accepts connections into the backlog of a socket nobody serves.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            S3StorageSettings settings = S3ProxyServer.settings(URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                    BUCKET, S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL);
            S3StorageSettings impatient = new S3StorageSettings(settings.endpoint(), settings.region(), settings.bucket(),
                    settings.accessKey(), settings.secretKey(), true, settings.partSize(), Duration.ofSeconds(1),
                    Duration.ofMillis(500), 2, false);
            try (S3Client hanging = S3StorageConfiguration.client(impatient)) {
                ObjectStore store = new S3ObjectStore(hanging, BUCKET, PART_SIZE);

                assertTimeoutPreemptively(NO_HANG,
                        () -> assertThatThrownBy(() -> store.open(key())).isInstanceOf(StorageUnavailable.class));
            }
        }
    }

    @Test
    void shouldBeUnavailableWithWrongCredentials() throws IOException {
        Path source = write("small.png", randomBytes(100, 7));
        String key = key();
        try (S3Client intruder = S3StorageConfiguration.client(
                S3ProxyServer.settings(server.endpoint(), BUCKET, S3ProxyServer.IDENTITY, "not-the-credential"))) {
            ObjectStore wrong = new S3ObjectStore(intruder, BUCKET, PART_SIZE);

            assertThatThrownBy(() -> wrong.put(key, source, 100, "image/png")).isInstanceOf(StorageUnavailable.class);
            assertThatThrownBy(() -> wrong.open(key)).isInstanceOf(StorageUnavailable.class);
            assertThatThrownBy(() -> wrong.delete(key)).isInstanceOf(StorageUnavailable.class);
        }
        assertThat(store.open(key)).isEmpty();
    }

    @Test
    void shouldBeUnavailableWhenTheBucketIsMissing() {
        ObjectStore elsewhere = new S3ObjectStore(client, "no-such-bucket", PART_SIZE);

        assertThatThrownBy(() -> elsewhere.open(key())).isInstanceOf(StorageUnavailable.class);
    }

    @Test
    void shouldCreateAMissingBucketOnlyWhenAsked() {
        String bucket = "created-" + UUID.randomUUID();
        S3ObjectStore fresh = new S3ObjectStore(client, bucket, PART_SIZE);
        assertThatThrownBy(fresh::checkBucket).isInstanceOf(StorageUnavailable.class);

        fresh.createBucketIfMissing();
        fresh.createBucketIfMissing();

        assertThatCode(fresh::checkBucket).doesNotThrowAnyException();
    }

    private void assertNoPendingUpload(String key) {
        assertThat(admin.listMultipartUploads(r -> r.bucket(BUCKET).prefix(key)).uploads()).isEmpty();
    }

    private static String key() {
        return "apps/" + UUID.randomUUID() + "/" + UUID.randomUUID();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(files.resolve(name), bytes);
    }

    private Path writeRandom(String name, long size, long seed) throws IOException {
        Path path = files.resolve(name);
        Random random = new Random(seed);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(path)) {
            for (long written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        }
        return path;
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            DigestInputStream digesting = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"));
            digesting.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
