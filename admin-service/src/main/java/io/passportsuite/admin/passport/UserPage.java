package io.passportsuite.admin.passport;

import java.util.List;

/** One page of an app's users, oldest first, and how many there are in all. */
public record UserPage(List<PassportUser> users, int limit, long offset, long total) {
}
