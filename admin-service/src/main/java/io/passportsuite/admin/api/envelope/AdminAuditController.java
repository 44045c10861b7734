package io.passportsuite.admin.api.envelope;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.admin.audit.AuditEntry;
import io.passportsuite.admin.audit.AuditPage;
import io.passportsuite.admin.audit.AuditQuery;
import io.passportsuite.admin.audit.ListingAudit;
import io.passportsuite.admin.web.Refusal;
import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /admin/audit?limit=&offset=&actor=&target=&action=}: the trail of administrators'
 * actions, newest first. Not in the reference; it fails as its other operations do.
 */
@RestController
class AdminAuditController {

    private static final int MAX_FILTER = 200;
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ListingAudit listing;

    AdminAuditController(ListingAudit listing) {
        this.listing = listing;
    }

    @GetMapping("/admin/audit")
    Envelope<EntryList> list(@RequestParam(required = false) String limit, @RequestParam(required = false) String offset,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String target,
            @RequestParam(required = false) String action) {
        Paging paging = Paging.of(limit, offset, ErrorCode.ADMIN_OPERATION_FAILED);
        AuditPage page = listing.list(new AuditQuery(paging.limit(), paging.offset(), actorOf(actor), filter("target", target),
                filter("action", action)));
        return Envelope.ok(new EntryList(page.entries().stream().map(EntryView::of).toList(), page.limit(), page.offset(),
                page.total()), "审计日志获取成功");
    }

    private static UUID actorOf(String actor) {
        if (actor == null || actor.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(actor.strip());
        } catch (IllegalArgumentException e) {
            throw new Refusal(ErrorCode.ADMIN_OPERATION_FAILED, 400, "actor 必须是用户 ID (UUID)");
        }
    }

    private static String filter(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_FILTER || value.indexOf('\0') >= 0) {
            throw new Refusal(ErrorCode.ADMIN_OPERATION_FAILED, 400, name + " 过长或含有 NUL 字符");
        }
        return value.strip();
    }

    record EntryList(List<EntryView> entries, int limit, long offset, long total) {
    }

    record EntryView(long id, @JsonProperty("app_id") String appId, @JsonProperty("actor_user_id") String actorUserId,
            @JsonProperty("actor_ip") String actorIp, String action, @JsonProperty("target_type") String targetType,
            @JsonProperty("target_id") String targetId, JsonNode before, JsonNode after,
            @JsonProperty("request_id") String requestId, @JsonProperty("created_at") String createdAt) {

        static EntryView of(AuditEntry entry) {
            return new EntryView(entry.id(), entry.appId(), entry.actorUserId().toString(), entry.actorIp(), entry.action(),
                    entry.targetType(), entry.targetId(), entry.before(), entry.after(), entry.requestId(),
                    ISO_MILLIS.format(entry.createdAt()));
        }
    }
}
