package io.passportsuite.common.events.user;

import java.util.UUID;

/** The account can no longer log in; its sessions were revoked with it. */
public record UserDisabled(UUID userId, String reason) {

    public static final String TYPE = "user.disabled";
    public static final int VERSION = 1;
}
