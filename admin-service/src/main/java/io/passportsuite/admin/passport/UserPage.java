package io.passportsuite.admin.passport;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One page of an app's users, oldest first, and how many there are in all (with a filter: how many
 * match, counted up to passport's cap, {@code totalExact} false past it). {@code next}: the cursor
 * of the page after this one, null on the last.
 */
public record UserPage(List<PassportUser> users, int limit, long offset, long total,
        @JsonProperty("total_exact") boolean totalExact, String next) {
}
