package io.passportsuite.gateway.security;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code Date} header's value for answers the gateway writes itself, formatted once a second:
 * formatting it for every kept answer was 2 % of the gateway's Java samples under validation load,
 * for a value that changes once a second.
 */
final class HttpDate {

    /** HTTP's fixed date format (RFC 9110 IMF-fixdate), as Spring's {@code HttpHeaders.setDate} writes it. */
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private record Formatted(long second, String value) {
    }

    private static volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

    private HttpDate() {
    }

    static String now() {
        return at(System.currentTimeMillis());
    }

    static String at(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Formatted formatted = last;
        if (formatted.second() != second) {
            // Two threads may both format the new second; either result is the same string.
            formatted = new Formatted(second, IMF_FIXDATE.format(Instant.ofEpochSecond(second)));
            last = formatted;
        }
        return formatted.value();
    }
}
