package io.passportsuite.admin.activity;

import java.util.List;
import java.util.Optional;

/** Newest first; {@code next} is where the following page starts, empty on the last one. */
public record ActivityPage(List<ActivityEntry> activity, Optional<ActivityCursor> next) {
}
