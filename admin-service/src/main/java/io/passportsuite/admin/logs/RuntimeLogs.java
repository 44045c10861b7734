package io.passportsuite.admin.logs;

import java.time.Instant;
import java.util.List;

/**
 * The latest collected lines, oldest first.
 *
 * @param file what was read: {@code <service>/<service>.log}, or {@code *} for every service
 * @param updatedAt when the newest file read last changed; null when nothing was collected yet
 */
public record RuntimeLogs(String file, Instant updatedAt, List<String> lines) {
}
