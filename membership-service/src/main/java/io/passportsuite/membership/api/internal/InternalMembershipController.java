package io.passportsuite.membership.api.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.membership.invite.CreatingInvite;
import io.passportsuite.membership.invite.Invite;
import io.passportsuite.membership.invite.InviteCreation;
import io.passportsuite.membership.invite.ListingInvites;
import io.passportsuite.membership.invite.RevokingInvite;
import io.passportsuite.membership.membership.ShowingMembership;
import io.passportsuite.membership.web.ErrorBodies;
import io.passportsuite.membership.web.JsonFields;
import io.passportsuite.membership.web.Refusal;
import tools.jackson.databind.JsonNode;

/** For the suite's services (admin-service): any app's memberships and invites, camelCase, plain errors. */
@RestController
@RequestMapping("/internal/apps/{appId}")
class InternalMembershipController {

    private final ShowingMembership showing;
    private final CreatingInvite creating;
    private final ListingInvites listing;
    private final RevokingInvite revoking;

    InternalMembershipController(ShowingMembership showing, CreatingInvite creating, ListingInvites listing, RevokingInvite revoking) {
        this.showing = showing;
        this.creating = creating;
        this.listing = listing;
        this.revoking = revoking;
    }

    @GetMapping("/users/{userId}/membership")
    MembershipState membership(@PathVariable String appId, @PathVariable UUID userId) {
        return MembershipState.of(appId, userId, showing.show(appId, userId));
    }

    @GetMapping("/invites")
    Map<String, List<InviteState>> invites(@PathVariable String appId) {
        return Map.of("invites", listing.ofApp(appId).stream().map(invite -> InviteState.of(invite, null)).toList());
    }

    /** {@code {tier, maxUses, expiresAt?, note?, createdBy?}}: {@code createdBy} names the operator the caller acts for. */
    @PostMapping("/invites")
    ResponseEntity<Object> create(@PathVariable String appId, @RequestBody JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        String tier = fields.text("tier");
        Integer maxUses = fields.integer("maxUses");
        if (tier == null || tier.isBlank() || maxUses == null) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "tier and maxUses are required");
        }
        UUID createdBy;
        try {
            String by = fields.text("createdBy");
            createdBy = by == null ? null : UUID.fromString(by);
        } catch (IllegalArgumentException e) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "createdBy must be a user id");
        }
        return switch (creating.byOperator(appId, createdBy, tier.strip(), maxUses, fields.instant("expiresAt"), fields.text("note"))) {
            case InviteCreation.Created created -> ResponseEntity.status(HttpStatus.CREATED).body(InviteState.of(created.invite(), created.code()));
            case InviteCreation.UnknownTier unknown -> ErrorBodies.plain(ErrorCode.VALIDATION_FAILED, "No tier above the lowest is named " + tier);
            case InviteCreation.Invalid invalid -> ErrorBodies.plain(ErrorCode.VALIDATION_FAILED, invalid.field() + " " + invalid.reason());
            case InviteCreation.CapabilityMissing missing -> ErrorBodies.plain(ErrorCode.FORBIDDEN, "Not allowed");
            case InviteCreation.QuotaExceeded exceeded -> ErrorBodies.plain(ErrorCode.FORBIDDEN, "Not allowed");
        };
    }

    @DeleteMapping("/invites/{id}")
    ResponseEntity<Object> revoke(@PathVariable String appId, @PathVariable UUID id) {
        return revoking.revoke(appId, id).<ResponseEntity<Object>>map(invite -> ResponseEntity.ok(InviteState.of(invite, null)))
                .orElseGet(() -> ErrorBodies.plain(ErrorCode.NOT_FOUND, "No invite has this id"));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InviteState(UUID id, String appId, String code, String tier, int maxUses, int uses, Instant expiresAt, Instant revokedAt,
            UUID createdBy, String note, Instant createdAt) {

        static InviteState of(Invite invite, String code) {
            return new InviteState(invite.id(), invite.appId(), code, invite.tier(), invite.maxUses(), invite.uses(), invite.expiresAt(),
                    invite.revokedAt(), invite.createdBy(), invite.note(), invite.createdAt());
        }
    }
}
