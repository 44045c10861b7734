package io.passportsuite.asset.housekeeping;

import java.time.Instant;
import java.util.UUID;

/** A user's avatar as last told: the app's file it names (null when none of this app's), as of {@code changedAt}. */
record AvatarReference(String appId, UUID userId, UUID fileId, Instant changedAt, boolean userDeleted) {
}
