package io.passportsuite.admin.passport;

import java.util.List;

/** One page of apps by id, and how many there are in all. */
public record AppPage(List<PassportApp> apps, int limit, long offset, long total) {
}
