package io.passportsuite.admin.activity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.AdminSettings;

/**
 * One platform-app user's activity for administrators, from this service's own records: passport
 * is not asked, so a user it does not know simply has none. The surface has checked the paging.
 */
@Service
public class ListingActivity {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private final UserActivity activity;
    private final String appId;

    ListingActivity(UserActivity activity, AdminSettings settings) {
        this.activity = activity;
        this.appId = settings.platformAppId();
    }

    /** {@code before} null for the newest page. */
    public ActivityPage page(UUID userId, ActivityCursor before, int limit) {
        // One more than asked says whether another page follows without counting.
        List<ActivityEntry> found = activity.page(appId, userId, before, limit + 1);
        if (found.size() <= limit) {
            return new ActivityPage(found, Optional.empty());
        }
        List<ActivityEntry> shown = found.subList(0, limit);
        ActivityEntry last = shown.getLast();
        return new ActivityPage(List.copyOf(shown), Optional.of(new ActivityCursor(last.occurredAt(), last.id())));
    }
}
