package io.passportsuite.membership.api.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.membership.membership.CapabilityChange;
import io.passportsuite.membership.membership.ChangingTier;
import io.passportsuite.membership.membership.MembershipSetting;
import io.passportsuite.membership.membership.OverridingCapability;
import io.passportsuite.membership.membership.SettingMembership;
import io.passportsuite.membership.membership.TierChange;
import io.passportsuite.membership.tier.ListingTiers;
import io.passportsuite.membership.tier.Tier;
import io.passportsuite.membership.web.ErrorBodies;
import io.passportsuite.membership.web.JsonFields;
import io.passportsuite.membership.web.Refusal;
import tools.jackson.databind.JsonNode;

/**
 * Operators' changes for the suite's services (admin-service acts for the operator): tiers, a
 * user's membership, per-user grants and revocations. Each change publishes the new state of
 * every user it affects in its own transaction. camelCase, plain errors.
 */
@RestController
@RequestMapping("/internal/apps/{appId}")
class InternalOperationsController {

    private final ChangingTier changingTier;
    private final SettingMembership setting;
    private final OverridingCapability overriding;
    private final ListingTiers listingTiers;

    InternalOperationsController(ChangingTier changingTier, SettingMembership setting, OverridingCapability overriding,
            ListingTiers listingTiers) {
        this.changingTier = changingTier;
        this.setting = setting;
        this.overriding = overriding;
        this.listingTiers = listingTiers;
    }

    /** Lowest level first; {@code ownTiers} false while the app uses the template app's. */
    @GetMapping("/tiers")
    TierList tiers(@PathVariable String appId) {
        ListingTiers.AppTiers listed = listingTiers.of(appId);
        return new TierList(appId, listed.ownTiers(), listed.tiers().stream()
                .map(tier -> new TierView(tier.name(), tier.level(), tier.capabilities(), tier.monthlyInviteQuota())).toList());
    }

    /** {@code {level, capabilities, monthlyInviteQuota?}}: 201 when created, 200 when changed. */
    @PutMapping("/tiers/{name}")
    ResponseEntity<Object> putTier(@PathVariable String appId, @PathVariable String name, @RequestBody JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        return switch (changingTier.put(appId, name, fields.integer("level"), fields.texts("capabilities"), fields.integer("monthlyInviteQuota"))) {
            case TierChange.Saved saved -> ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                    .body(TierState.of(appId, saved));
            case TierChange.Invalid invalid -> ErrorBodies.plain(ErrorCode.VALIDATION_FAILED, invalid.field() + " " + invalid.reason());
        };
    }

    /** {@code {tier, status, endsAt?}}: the membership afterwards. */
    @PutMapping("/users/{userId}/membership")
    ResponseEntity<Object> setMembership(@PathVariable String appId, @PathVariable UUID userId, @RequestBody JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        String tier = fields.text("tier");
        String status = fields.text("status");
        if (tier == null || tier.isBlank() || status == null || status.isBlank()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "tier and status are required");
        }
        return switch (setting.set(appId, userId, tier.strip(), status.strip(), fields.instant("endsAt"))) {
            case MembershipSetting.Set set -> ResponseEntity.ok(MembershipState.of(appId, userId, set.membership()));
            case MembershipSetting.UnknownTier unknown -> ErrorBodies.plain(ErrorCode.NOT_FOUND, "This app has no tier named " + unknown.tier());
            case MembershipSetting.Invalid invalid -> ErrorBodies.plain(ErrorCode.VALIDATION_FAILED, invalid.field() + " " + invalid.reason());
        };
    }

    @PostMapping("/users/{userId}/capabilities/{capability}")
    ResponseEntity<Object> override(@PathVariable String appId, @PathVariable UUID userId, @PathVariable String capability,
            @RequestParam(required = false) String kind) {
        return answer(appId, userId, overriding.add(appId, userId, capability, kind));
    }

    @DeleteMapping("/users/{userId}/capabilities/{capability}")
    ResponseEntity<Object> removeOverride(@PathVariable String appId, @PathVariable UUID userId, @PathVariable String capability,
            @RequestParam(required = false) String kind) {
        return answer(appId, userId, overriding.remove(appId, userId, capability, kind));
    }

    private static ResponseEntity<Object> answer(String appId, UUID userId, CapabilityChange change) {
        return switch (change) {
            case CapabilityChange.Done done -> ResponseEntity.ok(MembershipState.of(appId, userId, done.membership()));
            case CapabilityChange.Invalid invalid -> ErrorBodies.plain(ErrorCode.VALIDATION_FAILED, invalid.field() + " " + invalid.reason());
        };
    }

    record TierList(String appId, boolean ownTiers, List<TierView> tiers) {
    }

    record TierView(String name, int level, List<String> capabilities, int monthlyInviteQuota) {
    }

    /** @param publishedMembers users whose membership changed with the tier, each published */
    record TierState(String appId, String name, int level, List<String> capabilities, int monthlyInviteQuota, int publishedMembers) {

        static TierState of(String appId, TierChange.Saved saved) {
            Tier tier = saved.tier();
            return new TierState(appId, tier.name(), tier.level(), tier.capabilities(), tier.monthlyInviteQuota(), saved.published());
        }
    }
}
