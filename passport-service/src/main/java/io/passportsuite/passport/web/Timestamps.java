package io.passportsuite.passport.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamps as each surface's reference shows them. */
public final class Timestamps {

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** {@code 2025-12-17T10:00:00.000Z}, as the envelope and chat surfaces show them. */
    public static String millis(Instant instant) {
        return instant == null ? null : MILLIS.format(instant);
    }

    /** {@code 2024-12-05T10:00:00Z}, as the canonical API shows them. */
    public static String seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
