package io.passportsuite.membership.api.chat;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.membership.invite.CreatingInvite;
import io.passportsuite.membership.invite.InviteCreation;
import io.passportsuite.membership.invite.ListingInvites;
import io.passportsuite.membership.invite.RedeemingInvite;
import io.passportsuite.membership.invite.Redemption;
import io.passportsuite.membership.membership.ShowingMembership;
import io.passportsuite.membership.web.Caller;
import io.passportsuite.membership.web.ErrorBodies;
import io.passportsuite.membership.web.JsonFields;
import io.passportsuite.membership.web.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

/** The chat app's membership ({@code /api/membership/*}): every call is a signed-in user's, about themselves. */
@RestController
@RequestMapping("/api/membership")
class ChatMembershipController {

    /** Where a missing capability is to be had, named in the 403 that refuses it. */
    static final String HOW_TO_GET = "Redeem an invite code of a tier that includes it (POST /api/membership/redeem-invite) or upgrade your membership";

    private final ShowingMembership showing;
    private final RedeemingInvite redeeming;
    private final CreatingInvite creating;
    private final ListingInvites listing;

    ChatMembershipController(ShowingMembership showing, RedeemingInvite redeeming, CreatingInvite creating, ListingInvites listing) {
        this.showing = showing;
        this.redeeming = redeeming;
        this.creating = creating;
        this.listing = listing;
    }

    @GetMapping("/me")
    MembershipView me(HttpServletRequest request) {
        Caller caller = Caller.of(request);
        return MembershipView.of(showing.show(caller.appId(), caller.userId()));
    }

    @PostMapping("/redeem-invite")
    ResponseEntity<Object> redeem(HttpServletRequest request, @RequestBody JsonNode body) {
        Caller caller = Caller.of(request);
        String code = JsonFields.of(body).text("inviteCode");
        if (code == null || code.isBlank()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "inviteCode is required");
        }
        return switch (redeeming.redeem(caller.appId(), caller.userId(), code)) {
            case Redemption.Redeemed redeemed -> ResponseEntity.ok(MembershipView.of(redeemed.membership()));
            case Redemption.Unknown unknown -> ErrorBodies.plain(ErrorCode.INVITE_NOT_FOUND, "No invite has this code");
            case Redemption.Expired expired -> ErrorBodies.plain(ErrorCode.INVITE_EXPIRED, "This invite code has expired");
            case Redemption.Revoked revoked -> ErrorBodies.plain(ErrorCode.INVITE_REVOKED, "This invite code has been revoked");
            case Redemption.Exhausted exhausted -> ErrorBodies.plain(ErrorCode.INVITE_EXHAUSTED, "This invite code has been used up");
            case Redemption.AlreadyRedeemed again -> ErrorBodies.plain(ErrorCode.INVITE_ALREADY_REDEEMED,
                    "You have already redeemed this invite code");
        };
    }

    @PostMapping("/invites")
    ResponseEntity<Object> create(HttpServletRequest request, @RequestBody(required = false) JsonNode body) {
        Caller caller = Caller.of(request);
        JsonFields fields = JsonFields.ofOptional(body);
        return switch (creating.byMember(caller.appId(), caller.userId(), fields.integer("maxUses"), fields.instant("expiresAt"),
                fields.text("note"))) {
            case InviteCreation.Created created -> ResponseEntity.status(HttpStatus.CREATED).body(InviteView.of(created.invite(), created.code()));
            case InviteCreation.CapabilityMissing missing -> ErrorBodies.respond(ErrorCode.CAPABILITY_REQUIRED, new CapabilityRequired(
                    ErrorCode.CAPABILITY_REQUIRED.name(), "Creating invites needs the capability " + missing.capability(),
                    missing.capability(), HOW_TO_GET));
            case InviteCreation.QuotaExceeded exceeded -> ErrorBodies.plain(ErrorCode.INVITE_QUOTA_EXCEEDED,
                    "Your tier allows " + exceeded.quota() + " invitees a month and " + exceeded.used() + " are taken");
            case InviteCreation.Invalid invalid -> ErrorBodies.plain(ErrorCode.VALIDATION_FAILED, invalid.field() + " " + invalid.reason());
            case InviteCreation.UnknownTier unknown -> ErrorBodies.plain(ErrorCode.VALIDATION_FAILED, "This app has no tier to invite to");
        };
    }

    @GetMapping("/invites")
    Map<String, Object> mine(HttpServletRequest request) {
        Caller caller = Caller.of(request);
        return Map.of("invites", listing.createdBy(caller.appId(), caller.userId()).stream()
                .map(invite -> InviteView.of(invite, null)).toList());
    }

    /** The plain error, with the capability that was missing and where it is to be had. */
    record CapabilityRequired(String error, String message, String capability, String howToGet) {
    }
}
