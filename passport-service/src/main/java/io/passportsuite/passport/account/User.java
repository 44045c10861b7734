package io.passportsuite.passport.account;

import java.time.Instant;
import java.util.UUID;

/** An account of one app, as stored. The surfaces each show their own subset of it. */
public record User(
        UUID id,
        String appId,
        String username,
        String email,
        String phone,
        String passwordHash,
        String nickname,
        String avatarUrl,
        String signature,
        int role,
        String status,
        boolean emailVerified,
        boolean phoneVerified,
        boolean bot,
        boolean online,
        Instant lastSeenAt,
        Instant createdAt,
        Instant updatedAt) {

    public static final int ROLE_USER = 1;
    public static final int ROLE_ADMIN = 9;
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
