package io.passportsuite.common.events.user;

import java.util.UUID;

/** The public profile after a change: nickname (display name), avatar and signature. */
public record UserProfileUpdated(UUID userId, String nickname, String avatarUrl, String signature) {

    public static final String TYPE = "user.profile-updated";
    public static final int VERSION = 1;
}
