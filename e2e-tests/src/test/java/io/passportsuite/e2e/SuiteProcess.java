package io.passportsuite.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged service of the suite running as its own JVM, as it runs in production. */
final class SuiteProcess implements AutoCloseable {

    private final String module;
    private final Process process;
    private final Path output;

    private SuiteProcess(String module, Process process, Path output) {
        this.module = module;
        this.process = process;
        this.output = output;
    }

    static SuiteProcess start(String module, Map<String, String> environment, List<String> arguments) {
        Path root = Path.of(System.getProperty("suite.root", ".."));
        Path jar = root.resolve(module).resolve("target").resolve(module + "-" + System.getProperty("suite.version") + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Package the suite first (./mvnw verify builds it): missing " + jar);
        }
        Path logs = root.resolve("e2e-tests").resolve("target").resolve("e2e-logs");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xms32m", "-Xmx192m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(arguments);
        try {
            Files.createDirectories(logs);
            Path output = logs.resolve(module + ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("LOG_DIR", logs.toString());
            builder.environment().put("LOG_CONSOLE_FORMAT", "");
            builder.environment().putAll(environment);
            return new SuiteProcess(module, builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + module, e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String describe() {
        return module + " (output in " + output + ")";
    }

    /** Asks the process to stop (SIGTERM) without waiting: a suite asks all of its processes at once. */
    void askToStop() {
        process.destroy();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
