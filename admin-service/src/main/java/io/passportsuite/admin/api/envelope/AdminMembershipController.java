package io.passportsuite.admin.api.envelope;

import java.util.Map;
import java.util.UUID;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.admin.members.BrowsingMembership;
import io.passportsuite.admin.members.OverridingCapability;
import io.passportsuite.admin.members.SettingMembership;
import io.passportsuite.admin.membership.MembershipReply;
import io.passportsuite.admin.membership.MembershipState;
import io.passportsuite.admin.web.Caller;
import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A platform user's membership: {@code GET /admin/users/:id/membership} (failing as
 * {@code ADMIN_USERS_FAILED}, as the user reads do), {@code PUT} of it, and
 * {@code POST}/{@code DELETE /admin/users/:id/capabilities/:capability?kind=grant|revoke}
 * (operations, failing as {@code ADMIN_OPERATION_FAILED}). A user id that is no UUID: 404.
 */
@RestController
class AdminMembershipController {

    private static final Map<String, String> MEMBERSHIP_FIELDS = Map.of("tier", "tier", "status", "status", "ends_at", "endsAt");

    private final BrowsingMembership browsing;
    private final SettingMembership setting;
    private final OverridingCapability overriding;

    AdminMembershipController(BrowsingMembership browsing, SettingMembership setting, OverridingCapability overriding) {
        this.browsing = browsing;
        this.setting = setting;
        this.overriding = overriding;
    }

    @GetMapping("/admin/users/{id}/membership")
    Envelope<Map<String, MembershipState>> get(@PathVariable String id) {
        UUID userId = MembershipRefusals.idOf(id, ErrorCode.ADMIN_USERS_FAILED, PassportRefusals.NO_SUCH_USER);
        return answer(browsing.of(userId), ErrorCode.ADMIN_USERS_FAILED, "会员信息获取成功");
    }

    /** {@code {tier, status?, ends_at?}}: status {@code active} when left out; no {@code ends_at}, no end. */
    @PutMapping("/admin/users/{id}/membership")
    Envelope<Map<String, MembershipState>> set(Caller caller, @PathVariable String id, @RequestBody(required = false) JsonNode json) {
        UUID userId = MembershipRefusals.idOf(id, MembershipRefusals.FAILS_AS, PassportRefusals.NO_SUCH_USER);
        ObjectNode body = MembershipRefusals.translated(json, MEMBERSHIP_FIELDS);
        if (!body.has("status")) {
            body.put("status", "active");
        }
        return answer(setting.set(AdminAppController.actorOf(caller), userId, body), MembershipRefusals.FAILS_AS, "会员信息已更新");
    }

    @PostMapping("/admin/users/{id}/capabilities/{capability}")
    Envelope<Map<String, MembershipState>> override(Caller caller, @PathVariable String id, @PathVariable String capability,
            @RequestParam(required = false) String kind) {
        UUID userId = MembershipRefusals.idOf(id, MembershipRefusals.FAILS_AS, PassportRefusals.NO_SUCH_USER);
        return answer(overriding.add(AdminAppController.actorOf(caller), userId, MembershipRefusals.capability(capability),
                MembershipRefusals.kind(kind)), MembershipRefusals.FAILS_AS, "能力已调整");
    }

    @DeleteMapping("/admin/users/{id}/capabilities/{capability}")
    Envelope<Map<String, MembershipState>> removeOverride(Caller caller, @PathVariable String id, @PathVariable String capability,
            @RequestParam(required = false) String kind) {
        UUID userId = MembershipRefusals.idOf(id, MembershipRefusals.FAILS_AS, PassportRefusals.NO_SUCH_USER);
        return answer(overriding.remove(AdminAppController.actorOf(caller), userId, MembershipRefusals.capability(capability),
                MembershipRefusals.kind(kind)), MembershipRefusals.FAILS_AS, "能力调整已撤回");
    }

    private static Envelope<Map<String, MembershipState>> answer(MembershipReply<MembershipState> reply, ErrorCode failsAs, String message) {
        return switch (reply) {
            case MembershipReply.Answered<MembershipState>(MembershipState state) -> Envelope.ok(Map.of("membership", state), message);
            case MembershipReply<MembershipState> failed -> throw MembershipRefusals.of(failed, failsAs, MembershipRefusals.NO_SUCH_TIER);
        };
    }
}
