package io.passportsuite.admin.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The latest lines of one service, or of all of them merged by their ECS {@code @timestamp}.
 * A service that sent nothing yet (or never existed) has no lines: the back office cannot tell
 * the two apart, and an empty list lets it poll a service before its first line arrives.
 */
public final class ReadingRuntimeLogs {

    public static final int DEFAULT_LINES = 200;
    public static final int MAX_LINES = 2000;

    /** The first {@code "@timestamp"} member: ECS writes it first, and an escaped one inside a message does not match. */
    private static final Pattern TIMESTAMP = Pattern.compile("\"@timestamp\"\\s*:\\s*\"([^\"]+)\"");

    private final CollectedLogs logs;

    ReadingRuntimeLogs(CollectedLogs logs) {
        this.logs = logs;
    }

    public sealed interface Outcome {
    }

    public record Read(RuntimeLogs logs) implements Outcome {
    }

    public record Refused(String reason) implements Outcome {
    }

    public Outcome read(Optional<String> service, int lines) {
        if (lines < 1 || lines > MAX_LINES) {
            return new Refused("lines 必须是 1 到 " + MAX_LINES + " 之间的整数");
        }
        if (service.isPresent() && !ServiceName.valid(service.get())) {
            return new Refused("service 只能包含小写字母、数字和连字符(最多64个字符)");
        }
        return new Read(logs.reading(() -> service.map(name -> one(name, lines)).orElseGet(() -> all(lines))));
    }

    private RuntimeLogs one(String service, int max) {
        return new RuntimeLogs(service + "/" + service + ".log", updatedAt(service), tail(service, max));
    }

    private RuntimeLogs all(int max) {
        List<Stamped> merged = new ArrayList<>();
        Instant updated = null;
        for (String service : logs.services()) {
            List<String> lines = tail(service, max);
            // A line with no timestamp (not JSON, or another format) sorts with the line before it.
            Instant previous = Instant.EPOCH;
            for (String line : lines) {
                Instant at = timestamp(line).orElse(previous);
                merged.add(new Stamped(at, merged.size(), line));
                previous = at;
            }
            Instant serviceUpdated = updatedAt(service);
            if (serviceUpdated != null && (updated == null || serviceUpdated.isAfter(updated))) {
                updated = serviceUpdated;
            }
        }
        merged.sort(Comparator.comparing(Stamped::at).thenComparingInt(Stamped::order));
        List<String> latest = merged.subList(Math.max(0, merged.size() - max), merged.size()).stream()
                .map(Stamped::line).toList();
        return new RuntimeLogs("*", updated, latest);
    }

    /** The last {@code max} lines over the current file and as many rolled ones as it takes. */
    private List<String> tail(String service, int max) {
        List<List<String>> newestFirst = new ArrayList<>();
        int found = 0;
        for (Path file : logs.files(service)) {
            List<String> lines = TailReader.lastLines(file, max - found);
            newestFirst.add(lines);
            found += lines.size();
            if (found >= max) {
                break;
            }
        }
        List<String> lines = new ArrayList<>(found);
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            lines.addAll(newestFirst.get(i));
        }
        return lines;
    }

    private Instant updatedAt(String service) {
        try {
            return Files.getLastModifiedTime(logs.current(service)).toInstant();
        } catch (NoSuchFileException none) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<Instant> timestamp(String line) {
        Matcher matcher = TIMESTAMP.matcher(line);
        if (!line.startsWith("{") || !matcher.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(matcher.group(1)));
        } catch (DateTimeParseException notAnInstant) {
            return Optional.empty();
        }
    }

    private record Stamped(Instant at, int order, String line) {
    }
}
