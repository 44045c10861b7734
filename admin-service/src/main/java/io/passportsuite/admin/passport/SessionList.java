package io.passportsuite.admin.passport;

import java.util.List;

/** A user's most recently used live sessions (passport lists at most 100) and how many are live in all. */
public record SessionList(List<PassportSession> sessions, long total) {
}
