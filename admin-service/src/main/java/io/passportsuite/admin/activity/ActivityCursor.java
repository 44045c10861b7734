package io.passportsuite.admin.activity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of activity ends: entries strictly older than {@code occurredAt}, or as old and
 * with a smaller {@code id}. Written as an opaque token ({@link #token()}); a plain ISO instant
 * reads as "everything before that moment".
 */
public record ActivityCursor(Instant occurredAt, long id) {

    private static final int MAX_TEXT = 200;

    public String token() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((occurredAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Empty for text that is neither a token this class wrote nor an ISO instant. */
    public static Optional<ActivityCursor> parse(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            return Optional.empty();
        }
        String stripped = text.strip();
        try {
            return Optional.of(new ActivityCursor(Instant.parse(stripped), 0));
        } catch (DateTimeParseException notAnInstant) {
            // a token, then
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(stripped), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            if (bar < 0) {
                return Optional.empty();
            }
            long id = Long.parseLong(decoded.substring(bar + 1));
            return id < 0 ? Optional.empty() : Optional.of(new ActivityCursor(Instant.parse(decoded.substring(0, bar)), id));
        } catch (IllegalArgumentException | DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
