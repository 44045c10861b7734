package io.passportsuite.admin.membership;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import feign.FeignException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The back office's calls to membership, each ending in a {@link MembershipReply} rather than an exception. */
@Component
public class Membership {

    private static final Logger log = LoggerFactory.getLogger(Membership.class);

    /** What a path segment sent on may hold: Feign leaves a '/' in it as it is. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_:-]{1,128}");

    private final MembershipApi api;
    private final JsonMapper json;

    Membership(MembershipApi api, JsonMapper json) {
        this.api = api;
        this.json = json;
    }

    public MembershipReply<TierList> tiers(String appId) {
        return call("tier list", () -> api.tiers(segment(appId)));
    }

    /** {@code tier}: membership's body, {@code {level, capabilities, monthlyInviteQuota?}}. */
    public MembershipReply<SavedTier> putTier(String appId, String name, ObjectNode tier) {
        return call("tier change", () -> api.putTier(segment(appId), segment(name), tier));
    }

    public MembershipReply<List<MembershipInvite>> invites(String appId) {
        return call("invite list", () -> api.invites(segment(appId)).invites());
    }

    /** {@code invite}: membership's body, {@code {tier, maxUses, expiresAt?, note?, createdBy?}}. */
    public MembershipReply<MembershipInvite> createInvite(String appId, ObjectNode invite) {
        return call("invite creation", () -> api.createInvite(segment(appId), invite));
    }

    public MembershipReply<MembershipInvite> revokeInvite(String appId, UUID inviteId) {
        return call("invite revocation", () -> api.revokeInvite(segment(appId), inviteId.toString()));
    }

    public MembershipReply<MembershipState> membership(String appId, UUID userId) {
        return call("membership lookup", () -> api.membership(segment(appId), userId.toString()));
    }

    /** {@code membership}: membership's body, {@code {tier, status, endsAt?}}. */
    public MembershipReply<MembershipState> setMembership(String appId, UUID userId, ObjectNode membership) {
        return call("membership change", () -> api.setMembership(segment(appId), userId.toString(), membership));
    }

    /** {@code kind}: {@code grant} or {@code revoke}, on top of the user's tier. */
    public MembershipReply<MembershipState> override(String appId, UUID userId, String capability, String kind) {
        return call("capability override", () -> api.override(segment(appId), userId.toString(), segment(capability), segment(kind)));
    }

    public MembershipReply<MembershipState> removeOverride(String appId, UUID userId, String capability, String kind) {
        return call("capability override removal",
                () -> api.removeOverride(segment(appId), userId.toString(), segment(capability), segment(kind)));
    }

    private static String segment(String value) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new UnfitSegment();
        }
        return value;
    }

    private <T> MembershipReply<T> call(String what, Supplier<T> call) {
        try {
            return new MembershipReply.Answered<>(call.get());
        } catch (UnfitSegment e) {
            return new MembershipReply.Refused<>(400, "VALIDATION_FAILED", "path segment not allowed");
        } catch (FeignException e) {
            return failure(what, e);
        } catch (RuntimeException e) {
            log.warn("Membership {} failed: {}", what, e.toString());
            return new MembershipReply.Unavailable<>(e.getClass().getSimpleName());
        }
    }

    private <T> MembershipReply<T> failure(String what, FeignException e) {
        int status = e.status();
        // 401 and 403 are membership refusing this service's credential (or a request that looks
        // routed for a client): an operator must fix the configuration, the administrator is told 503.
        boolean credentialRefused = status == 401 || status == 403;
        if (status >= 400 && status < 500 && !credentialRefused) {
            JsonNode body = bodyOf(e);
            return new MembershipReply.Refused<>(status, text(body, "error"), text(body, "message"));
        }
        if (credentialRefused) {
            log.error("Membership refused the internal credential on the {} ({}): check SUITE_INTERNAL_CREDENTIAL", what, status);
        } else {
            log.warn("Membership {} failed: {}", what, status < 0 ? e.getMessage() : "status " + status);
        }
        return new MembershipReply.Unavailable<>(status < 0 ? "unreachable" : "status " + status);
    }

    private JsonNode bodyOf(FeignException e) {
        try {
            return e.contentUTF8() == null || e.contentUTF8().isBlank() ? null : json.readTree(e.contentUTF8());
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        return body != null && body.get(field) != null && body.get(field).isString() ? body.get(field).asString() : null;
    }

    /** A segment refused before any call; never leaves this class. */
    private static final class UnfitSegment extends RuntimeException {

        UnfitSegment() {
            super(null, null, false, false);
        }
    }
}
