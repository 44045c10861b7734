package io.passportsuite.admin.passport;

import org.springframework.cloud.openfeign.FeignClient;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import tools.jackson.databind.JsonNode;

/**
 * Passport's internal API, the part the back office calls. Found through discovery
 * ({@code passport-service}) unless {@code passport.service.url} names an address. Feign's own
 * annotations rather than Spring MVC's: outside the surfaces and {@code web}, the service speaks
 * no Spring or servlet HTTP types (ArchitectureTest).
 */
@FeignClient(name = "passport-service", url = "${passport.service.url:}", configuration = PassportClientConfiguration.class)
interface PassportApi {

    @RequestLine("POST /internal/admin/sessions")
    @Headers("Content-Type: application/json")
    AdminSession openAdminSession(AdminSessionRequest request);

    @RequestLine("GET /internal/apps/{appId}/users?limit={limit}&offset={offset}")
    UserPage users(@Param("appId") String appId, @Param("limit") int limit, @Param("offset") long offset);

    @RequestLine("GET /internal/apps/{appId}/users/{userId}")
    UserHolder user(@Param("appId") String appId, @Param("userId") String userId);

    @RequestLine("POST /internal/apps/{appId}/users/{userId}/reset-password")
    @Headers("Content-Type: application/json")
    void resetPassword(@Param("appId") String appId, @Param("userId") String userId, NewPassword body);

    /** {@code limit}, {@code offset} or {@code after}, {@code q}, {@code role}, {@code disabled}, {@code verified}; unset ones left out. */
    @RequestLine("GET /internal/apps/{appId}/users")
    UserPage searchUsers(@Param("appId") String appId, @QueryMap Map<String, Object> query);

    /** Any of {@code username, nickname, email, phone, avatar_url, role}; an explicit null clears a field. */
    @RequestLine("PATCH /internal/apps/{appId}/users/{userId}")
    @Headers("Content-Type: application/json")
    UserChange editUser(@Param("appId") String appId, @Param("userId") String userId, JsonNode changes);

    @RequestLine("POST /internal/apps/{appId}/users/{userId}/disable")
    void disableUser(@Param("appId") String appId, @Param("userId") String userId);

    @RequestLine("POST /internal/apps/{appId}/users/{userId}/enable")
    void enableUser(@Param("appId") String appId, @Param("userId") String userId);

    @RequestLine("GET /internal/apps/{appId}/users/{userId}/sessions")
    SessionList sessions(@Param("appId") String appId, @Param("userId") String userId);

    @RequestLine("DELETE /internal/apps/{appId}/users/{userId}/sessions/{sessionId}")
    void endSession(@Param("appId") String appId, @Param("userId") String userId, @Param("sessionId") String sessionId);

    record AdminSessionRequest(String identifier, String password, String clientIp, String userAgent) {
    }

    record UserHolder(PassportUser user) {
    }

    record NewPassword(@JsonProperty("new_password") String newPassword) {
    }
}
