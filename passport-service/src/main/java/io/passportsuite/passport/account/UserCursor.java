package io.passportsuite.passport.account;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of an app's users ended: the last user's creation time (to the microsecond, as
 * stored) and id, the order pages follow. The next page starts right after it however many users
 * came or went meanwhile, and is found by a jump in the index, not by counting past an offset.
 * Clients get it as opaque text.
 */
public record UserCursor(Instant createdAt, UUID id) {

    private static final Pattern TEXT = Pattern.compile("(-?\\d{1,19})\\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final int MAX_TEXT = 100;
    /** Years 1 to 9999: what PostgreSQL stores, with room to spare; a forged cursor beyond is no cursor. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    static UserCursor after(User user) {
        return new UserCursor(user.createdAt(), user.id());
    }

    public String text() {
        long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L), createdAt.getNano() / 1_000);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + "." + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor {@link #text()} gave, or empty for anything else. */
    public static Optional<UserCursor> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
            return Optional.empty();
        }
        try {
            Matcher parts = TEXT.matcher(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII));
            if (!parts.matches()) {
                return Optional.empty();
            }
            long micros = Long.parseLong(parts.group(1));
            Instant createdAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
                return Optional.empty();
            }
            return Optional.of(new UserCursor(createdAt, UUID.fromString(parts.group(2))));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
