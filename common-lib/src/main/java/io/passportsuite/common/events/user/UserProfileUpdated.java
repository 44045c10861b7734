package io.passportsuite.common.events.user;

import java.util.UUID;

/**
 * The public profile after a change: nickname (display name), avatar and signature.
 * {@code changedBy} says who made the change: {@link #BY_APP} (the app's backend, with its API
 * key), {@link #BY_OPERATOR} (the back office) or {@link #BY_USER} (the user, who may name any URL
 * as an avatar, another user's file too); null in events written before it was added.
 */
public record UserProfileUpdated(UUID userId, String nickname, String avatarUrl, String signature, String changedBy) {

    public static final String TYPE = "user.profile-updated";
    public static final int VERSION = 1;

    public static final String BY_APP = "app";
    public static final String BY_OPERATOR = "operator";
    public static final String BY_USER = "user";
}
