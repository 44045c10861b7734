package io.passportsuite.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The single-node KRaft broker of the local run ({@code deploy/local/kafka/start-kafka.sh}) on a
 * port chosen by the test, so a test can start Kafka after the services that use it.
 */
final class LocalKafka implements AutoCloseable {

    private final Path runDir;

    private LocalKafka(Path runDir) {
        this.runDir = runDir;
    }

    /**
     * A port for the broker whose next one, the controller's, is free too: two ports taken one by
     * one may land next to a port another process holds (other test JVMs run on this machine).
     */
    static int freePortPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(first.getLocalPort() + 1)) {
                return first.getLocalPort();
            } catch (IOException taken) {
                // The next one is in use: draw again.
            }
        }
        throw new IllegalStateException("no two adjacent free ports");
    }

    /** {@code port} for clients, {@code port + 1} for the controller. */
    static LocalKafka start(int port) {
        Path root = Path.of(System.getProperty("suite.root", ".."));
        Path runDir = root.resolve("e2e-tests").resolve("target").resolve("kafka-" + port);
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("deploy/local/kafka/start-kafka.sh").toString(),
                runDir.toString(), String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("e2e-tests").resolve("target").resolve("kafka-" + port + ".out").toFile());
        builder.environment().put("MVN", root.resolve("mvnw").toString());
        builder.environment().put("JAVA_HOME", Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent().getParent().toString());
        try {
            Files.createDirectories(runDir);
            Process process = builder.start();
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("Kafka did not start on port " + port + "; see e2e-tests/target/kafka-" + port + ".out");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new LocalKafka(runDir);
    }

    @Override
    public void close() throws IOException {
        Path pidFile = runDir.resolve("pids").resolve("kafka.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid).ifPresent(handle -> {
                handle.destroy();
                handle.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(timeout -> {
                    handle.destroyForcibly();
                    return handle;
                }).join();
            });
        }
    }
}
