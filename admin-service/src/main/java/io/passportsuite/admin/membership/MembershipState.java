package io.passportsuite.admin.membership;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A user's effective membership: the tier that counts, its capabilities after grants and
 * revocations, and the revision of its last change. {@code status} {@code none}: never a member.
 */
public record MembershipState(@JsonProperty("user_id") @JsonAlias("userId") UUID userId, String status, String tier, int level,
        @JsonProperty("is_member") @JsonAlias("isMember") boolean member, List<String> capabilities, long revision) {
}
