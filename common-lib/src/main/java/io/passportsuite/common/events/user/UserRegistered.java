package io.passportsuite.common.events.user;

import java.util.UUID;

/**
 * A new account. Carries what the other services act on: the membership service redeems
 * {@code inviteCode}, the notification service greets {@code email}.
 */
public record UserRegistered(
        UUID userId,
        String username,
        String nickname,
        String email,
        String phone,
        int role,
        String inviteCode,
        String registeredVia) {

    public static final String TYPE = "user.registered";
    public static final int VERSION = 1;
}
