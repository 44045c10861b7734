package io.passportsuite.common.events.user;

import java.util.UUID;

/**
 * The account is gone: its row, sessions and linked identities were erased. Services that keep
 * data about the user erase theirs. {@code avatarUrl} is the avatar the account had when it was
 * deleted (null when none), so that the service that stores it can let the file go.
 */
public record UserDeleted(UUID userId, String avatarUrl) {

    public static final String TYPE = "user.deleted";
    public static final int VERSION = 1;
}
