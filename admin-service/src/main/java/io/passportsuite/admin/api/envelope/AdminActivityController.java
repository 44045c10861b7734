package io.passportsuite.admin.api.envelope;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.admin.activity.ActivityCursor;
import io.passportsuite.admin.activity.ActivityEntry;
import io.passportsuite.admin.activity.ActivityPage;
import io.passportsuite.admin.activity.ListingActivity;
import io.passportsuite.admin.web.Refusal;
import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /admin/users/:id/activity?limit=&before=}: what a platform-app user did, newest
 * first, as passport's events told it. {@code before} is the previous page's {@code next} (or an
 * ISO instant); it fails as the other user reads do, {@code ADMIN_USERS_FAILED}.
 */
@RestController
class AdminActivityController {

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ListingActivity listing;

    AdminActivityController(ListingActivity listing) {
        this.listing = listing;
    }

    @GetMapping("/admin/users/{id}/activity")
    Envelope<ActivityList> list(@PathVariable String id, @RequestParam(required = false) String limit,
            @RequestParam(required = false) String before) {
        UUID userId = userIdOf(id);
        ActivityPage page = listing.page(userId, cursorOf(before), limitOf(limit));
        return Envelope.ok(new ActivityList(page.activity().stream().map(EntryView::of).toList(),
                page.next().map(ActivityCursor::token).orElse(null)), "用户活动获取成功");
    }

    private static UUID userIdOf(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new Refusal(ErrorCode.ADMIN_USERS_FAILED, 404, PassportRefusals.NO_SUCH_USER);
        }
    }

    private static int limitOf(String text) {
        if (text == null) {
            return ListingActivity.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= ListingActivity.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below, like a number out of range
        }
        throw new Refusal(ErrorCode.ADMIN_USERS_FAILED, 400, "limit 必须为 1-" + ListingActivity.MAX_LIMIT + " 的整数");
    }

    private static ActivityCursor cursorOf(String text) {
        if (text == null) {
            return null;
        }
        return ActivityCursor.parse(text).orElseThrow(
                () -> new Refusal(ErrorCode.ADMIN_USERS_FAILED, 400, "before 必须是上一页的 next 或 ISO 时间"));
    }

    record ActivityList(List<EntryView> activity, String next) {
    }

    record EntryView(String type, @JsonProperty("occurred_at") String occurredAt, JsonNode detail) {

        static EntryView of(ActivityEntry entry) {
            return new EntryView(entry.type(), ISO_MILLIS.format(entry.occurredAt()), entry.detail());
        }
    }
}
