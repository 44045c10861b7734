package io.passportsuite.asset.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.util.unit.DataSize;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (S3Proxy on the local file system) in a JVM of its own: its
 * dependencies clash with the service's, so it never joins the test classpath. The build copies its
 * jar to {@code target/s3proxy/s3proxy.jar}. Starts in about a second; close it to stop it and
 * remove what it stored.
 *
 * <p>A Spring test points the service at it with {@link #springProperties(String)}, e.g. from a
 * {@code @DynamicPropertySource}.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String IDENTITY = "asset-test-identity";
    public static final String CREDENTIAL = "asset-test-credential";
    public static final String REGION = "us-east-1";

    private static final Path JAR = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    /** Generous: a cold start on a busy two-core machine, not the usual second. */
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);

    private final int port;
    private final Path directory;
    private Process process;

    private S3ProxyServer(int port, Path directory) {
        this.port = port;
        this.directory = directory;
    }

    public static S3ProxyServer start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: the build copies it there "
                    + "(./mvnw -pl asset-service generate-test-resources)");
        }
        try {
            Path directory = Files.createTempDirectory("s3proxy");
            Path data = Files.createDirectories(directory.resolve("data"));
            int port = freePort();
            Files.writeString(directory.resolve("s3proxy.properties"), String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + IDENTITY,
                    "s3proxy.credential=" + CREDENTIAL,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + data,
                    ""));
            S3ProxyServer server = new S3ProxyServer(port, directory);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start S3Proxy", e);
        }
    }

    /** Ends the server at once, as a crash would; what it stored stays for {@link #restart()}. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the server again on the same port and the same data. */
    public void restart() {
        kill();
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart S3Proxy", e);
        }
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(java(), "-Xmx64m", "-jar", JAR.toAbsolutePath().toString(),
                "--properties", directory.resolve("s3proxy.properties").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("s3proxy.log").toFile()))
                .start();
        // A test JVM that ends without closing the server (a failed setup, an interrupted run) takes it along.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        awaitListening();
    }

    /** The JVM running these tests, so the server needs no other Java on the machine. */
    private static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Jetty opens its port once the S3 handler is in place, so a connection means it answers. */
    private void awaitListening() {
        Instant limit = Instant.now().plus(STARTUP_LIMIT);
        while (Instant.now().isBefore(limit)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        close();
        throw new IllegalStateException("S3Proxy did not listen on " + port + " within " + STARTUP_LIMIT + ":\n" + log());
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while S3Proxy starts", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** What the server printed, for a failure message. */
    public String log() {
        try {
            return Files.readString(directory.resolve("s3proxy.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The service's settings for {@code bucket} on this server, which creates the bucket at start. */
    public Map<String, String> springProperties(String bucket) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("asset.storage.type", "s3");
        properties.put("asset.storage.s3.endpoint", endpoint().toString());
        properties.put("asset.storage.s3.region", REGION);
        properties.put("asset.storage.s3.bucket", bucket);
        properties.put("asset.storage.s3.access-key", IDENTITY);
        properties.put("asset.storage.s3.secret-key", CREDENTIAL);
        properties.put("asset.storage.s3.path-style", "true");
        properties.put("asset.storage.s3.create-bucket", "true");
        return properties;
    }

    S3StorageSettings settings(String bucket) {
        return settings(endpoint(), bucket, IDENTITY, CREDENTIAL);
    }

    static S3StorageSettings settings(URI endpoint, String bucket, String accessKey, String secretKey) {
        return new S3StorageSettings(endpoint, REGION, bucket, accessKey, secretKey, true, DataSize.ofMegabytes(8),
                Duration.ofSeconds(2), Duration.ofSeconds(30), 3, false);
    }

    /** A client with the right credentials, to look at the bucket behind the store's back. */
    public S3Client client() {
        return S3StorageConfiguration.client(settings("unused"));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(10))) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is no test failure.
        }
    }
}
