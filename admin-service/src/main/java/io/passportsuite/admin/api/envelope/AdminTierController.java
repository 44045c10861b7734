package io.passportsuite.admin.api.envelope;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.admin.members.BrowsingMembership;
import io.passportsuite.admin.members.ChangingTier;
import io.passportsuite.admin.members.CreatingInvite;
import io.passportsuite.admin.members.RevokingInvite;
import io.passportsuite.admin.membership.MembershipInvite;
import io.passportsuite.admin.membership.MembershipReply;
import io.passportsuite.admin.membership.SavedTier;
import io.passportsuite.admin.membership.TierList;
import io.passportsuite.admin.web.Caller;
import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The platform app's tiers and invites, kept by membership: {@code GET /admin/tiers},
 * {@code PUT /admin/tiers/:name}, {@code GET /admin/invites}, {@code POST /admin/invites},
 * {@code DELETE /admin/invites/:id}. Failures are {@code ADMIN_OPERATION_FAILED} (400, 404, 409
 * as membership answers), or 503 when membership is away.
 */
@RestController
class AdminTierController {

    private static final Map<String, String> TIER_FIELDS = Map.of(
            "level", "level", "capabilities", "capabilities", "monthly_invite_quota", "monthlyInviteQuota");
    private static final Map<String, String> INVITE_FIELDS = Map.of(
            "tier", "tier", "max_uses", "maxUses", "expires_at", "expiresAt", "note", "note");

    private final BrowsingMembership browsing;
    private final ChangingTier changingTier;
    private final CreatingInvite creating;
    private final RevokingInvite revoking;

    AdminTierController(BrowsingMembership browsing, ChangingTier changingTier, CreatingInvite creating, RevokingInvite revoking) {
        this.browsing = browsing;
        this.changingTier = changingTier;
        this.creating = creating;
        this.revoking = revoking;
    }

    @GetMapping("/admin/tiers")
    Envelope<TierList> tiers() {
        return switch (browsing.tiers()) {
            case MembershipReply.Answered<TierList>(TierList tiers) -> Envelope.ok(tiers, "会员等级获取成功");
            case MembershipReply<TierList> failed -> throw MembershipRefusals.of(failed, ErrorCode.ADMIN_OPERATION_FAILED, null);
        };
    }

    /** {@code {level, capabilities, monthly_invite_quota?}}: creates the tier or replaces its settings. */
    @PutMapping("/admin/tiers/{name}")
    Envelope<Map<String, SavedTier>> putTier(Caller caller, @PathVariable String name, @RequestBody(required = false) JsonNode json) {
        String tier = MembershipRefusals.tierName(name);
        ObjectNode body = MembershipRefusals.translated(json, TIER_FIELDS);
        return switch (changingTier.put(AdminAppController.actorOf(caller), tier, body)) {
            case MembershipReply.Answered<SavedTier>(SavedTier saved) -> Envelope.ok(Map.of("tier", saved), "会员等级已保存");
            case MembershipReply<SavedTier> failed -> throw MembershipRefusals.of(failed, MembershipRefusals.FAILS_AS,
                    MembershipRefusals.NO_SUCH_TIER);
        };
    }

    @GetMapping("/admin/invites")
    Envelope<Map<String, List<MembershipInvite>>> invites() {
        return switch (browsing.invites()) {
            case MembershipReply.Answered<List<MembershipInvite>>(List<MembershipInvite> invites) ->
                    Envelope.ok(Map.of("invites", invites), "邀请码列表获取成功");
            case MembershipReply<List<MembershipInvite>> failed -> throw MembershipRefusals.of(failed, MembershipRefusals.FAILS_AS, null);
        };
    }

    /** {@code {tier, max_uses?, expires_at?, note?}}: {@code max_uses} 1 when left out; the code is in this answer only. */
    @PostMapping("/admin/invites")
    ResponseEntity<Envelope<Map<String, MembershipInvite>>> createInvite(Caller caller, @RequestBody(required = false) JsonNode json) {
        ObjectNode body = MembershipRefusals.translated(json, INVITE_FIELDS);
        if (!body.has("maxUses")) {
            body.put("maxUses", 1);
        }
        return switch (creating.create(AdminAppController.actorOf(caller), body)) {
            case MembershipReply.Answered<MembershipInvite>(MembershipInvite invite) ->
                    ResponseEntity.status(HttpStatus.CREATED).body(Envelope.ok(Map.of("invite", invite), "邀请码创建成功"));
            case MembershipReply<MembershipInvite> failed -> throw MembershipRefusals.of(failed, MembershipRefusals.FAILS_AS,
                    MembershipRefusals.NO_SUCH_TIER);
        };
    }

    @DeleteMapping("/admin/invites/{id}")
    Envelope<Map<String, MembershipInvite>> revokeInvite(Caller caller, @PathVariable String id) {
        UUID inviteId = MembershipRefusals.idOf(id, MembershipRefusals.FAILS_AS, MembershipRefusals.NO_SUCH_INVITE);
        return switch (revoking.revoke(AdminAppController.actorOf(caller), inviteId)) {
            case MembershipReply.Answered<MembershipInvite>(MembershipInvite invite) -> Envelope.ok(Map.of("invite", invite), "邀请码已吊销");
            case MembershipReply<MembershipInvite> failed -> throw MembershipRefusals.of(failed, MembershipRefusals.FAILS_AS,
                    MembershipRefusals.NO_SUCH_INVITE);
        };
    }
}
