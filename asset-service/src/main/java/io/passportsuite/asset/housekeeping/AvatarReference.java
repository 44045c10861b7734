package io.passportsuite.asset.housekeeping;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's avatar as last told: the app's file it names (null when none of this app's), as of
 * {@code changedAt}; {@code setByApp} when the app's backend or an operator set it, not the user.
 */
record AvatarReference(String appId, UUID userId, UUID fileId, Instant changedAt, boolean userDeleted, boolean setByApp) {
}
