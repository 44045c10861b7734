package io.passportsuite.admin.membership;

import java.util.List;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.cloud.openfeign.FeignClient;

/**
 * Membership's internal API, the part the back office calls. Found through discovery
 * ({@code membership-service}) unless {@code membership.service.url} names an address. Bodies go
 * as the JSON objects membership reads (camelCase), which checks them itself. Path segments are
 * checked before they get here: Feign does not encode a '/' in them.
 */
@FeignClient(name = "membership-service", url = "${membership.service.url:}", configuration = MembershipClientConfiguration.class)
interface MembershipApi {

    @RequestLine("GET /internal/apps/{appId}/tiers")
    TierList tiers(@Param("appId") String appId);

    @RequestLine("PUT /internal/apps/{appId}/tiers/{name}")
    @Headers("Content-Type: application/json")
    SavedTier putTier(@Param("appId") String appId, @Param("name") String name, ObjectNode tier);

    @RequestLine("GET /internal/apps/{appId}/invites")
    InviteList invites(@Param("appId") String appId);

    @RequestLine("POST /internal/apps/{appId}/invites")
    @Headers("Content-Type: application/json")
    MembershipInvite createInvite(@Param("appId") String appId, ObjectNode invite);

    @RequestLine("DELETE /internal/apps/{appId}/invites/{id}")
    MembershipInvite revokeInvite(@Param("appId") String appId, @Param("id") String id);

    @RequestLine("GET /internal/apps/{appId}/users/{userId}/membership")
    MembershipState membership(@Param("appId") String appId, @Param("userId") String userId);

    @RequestLine("PUT /internal/apps/{appId}/users/{userId}/membership")
    @Headers("Content-Type: application/json")
    MembershipState setMembership(@Param("appId") String appId, @Param("userId") String userId, ObjectNode membership);

    @RequestLine("POST /internal/apps/{appId}/users/{userId}/capabilities/{capability}?kind={kind}")
    MembershipState override(@Param("appId") String appId, @Param("userId") String userId, @Param("capability") String capability,
            @Param("kind") String kind);

    @RequestLine("DELETE /internal/apps/{appId}/users/{userId}/capabilities/{capability}?kind={kind}")
    MembershipState removeOverride(@Param("appId") String appId, @Param("userId") String userId, @Param("capability") String capability,
            @Param("kind") String kind);

    record InviteList(List<MembershipInvite> invites) {
    }
}
