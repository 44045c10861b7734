package io.passportsuite.membership.api.admin;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.membership.invite.CreatingInvite;
import io.passportsuite.membership.invite.InviteCreation;
import io.passportsuite.membership.invite.ListingInvites;
import io.passportsuite.membership.invite.RevokingInvite;
import io.passportsuite.membership.web.Caller;
import io.passportsuite.membership.web.ErrorBodies;
import io.passportsuite.membership.web.JsonFields;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

/**
 * Operators' invite codes ({@code /admin/membership/invites}), in the envelope with Chinese
 * messages. The gateway admits administrators only; the role is checked here again.
 */
@RestController
@RequestMapping("/admin/membership/invites")
class AdminInviteController {

    private final CreatingInvite creating;
    private final ListingInvites listing;
    private final RevokingInvite revoking;

    AdminInviteController(CreatingInvite creating, ListingInvites listing, RevokingInvite revoking) {
        this.creating = creating;
        this.listing = listing;
        this.revoking = revoking;
    }

    @PostMapping
    ResponseEntity<Object> create(HttpServletRequest request, @RequestBody JsonNode body) {
        Caller admin = Caller.administrator(request);
        JsonFields fields = JsonFields.of(body);
        String tier = fields.text("tier");
        Integer maxUses = fields.integer("max_uses");
        if (tier == null || tier.isBlank() || maxUses == null) {
            return ErrorBodies.envelope(ErrorCode.VALIDATION_FAILED, "tier 和 max_uses 为必填项");
        }
        return switch (creating.byOperator(admin.appId(), admin.userId(), tier.strip(), maxUses, fields.instant("expires_at"),
                fields.text("note"))) {
            case InviteCreation.Created created -> ResponseEntity.ok(Envelope.ok(AdminInviteView.of(created.invite(), created.code()),
                    "邀请码创建成功，请妥善保存，邀请码仅显示一次"));
            case InviteCreation.UnknownTier unknown -> ErrorBodies.envelope(ErrorCode.VALIDATION_FAILED, "会员等级不存在或不可邀请：" + tier);
            case InviteCreation.Invalid invalid -> ErrorBodies.envelope(ErrorCode.VALIDATION_FAILED, switch (invalid.field()) {
                case "maxUses" -> "max_uses 超出允许范围";
                case "expiresAt" -> "expires_at 必须是将来的时间，且不超过允许的有效期";
                default -> "备注过长";
            });
            // Operators are neither capability- nor quota-bound.
            case InviteCreation.CapabilityMissing missing -> ErrorBodies.envelope(ErrorCode.FORBIDDEN, null);
            case InviteCreation.QuotaExceeded exceeded -> ErrorBodies.envelope(ErrorCode.FORBIDDEN, null);
        };
    }

    @GetMapping
    Envelope<Map<String, Object>> list(HttpServletRequest request) {
        Caller admin = Caller.administrator(request);
        List<AdminInviteView> invites = listing.ofApp(admin.appId()).stream().map(invite -> AdminInviteView.of(invite, null)).toList();
        return Envelope.ok(Map.of("invites", invites, "total", invites.size()), "获取邀请码列表成功");
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Object> revoke(HttpServletRequest request, @PathVariable UUID id) {
        Caller admin = Caller.administrator(request);
        return revoking.revoke(admin.appId(), id)
                .<ResponseEntity<Object>>map(invite -> ResponseEntity.ok(Envelope.ok(AdminInviteView.of(invite, null), "邀请码已撤销")))
                .orElseGet(() -> ErrorBodies.envelope(ErrorCode.NOT_FOUND, "邀请码不存在"));
    }
}
