package io.passportsuite.admin.logs.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.admin.logs.RuntimeLogs;

/** {@code data} of {@code GET /admin/logs/runtime}, as the Pixel Game Server reference shows it. */
record RuntimeLogsView(String file, @JsonProperty("updated_at") String updatedAt, List<String> lines) {

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    static RuntimeLogsView of(RuntimeLogs logs) {
        Instant updated = logs.updatedAt();
        return new RuntimeLogsView(logs.file(), updated == null ? null : ISO_MILLIS.format(updated), logs.lines());
    }
}
