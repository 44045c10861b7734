package io.passportsuite.admin.passport;

import java.util.List;

import org.springframework.cloud.openfeign.FeignClient;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

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

    @RequestLine("GET /internal/apps/{appId}/users/{userId}")
    UserHolder user(@Param("appId") String appId, @Param("userId") String userId);

    @RequestLine("POST /internal/apps/{appId}/users/{userId}/reset-password")
    @Headers("Content-Type: application/json")
    void resetPassword(@Param("appId") String appId, @Param("userId") String userId, NewPassword body);

    @RequestLine("GET /internal/apps?limit={limit}&offset={offset}")
    AppPage apps(@Param("limit") int limit, @Param("offset") long offset);

    @RequestLine("POST /internal/apps")
    @Headers("Content-Type: application/json")
    PassportApp createApp(NewApp app);

    @RequestLine("GET /internal/apps/{appId}")
    PassportApp app(@Param("appId") String appId);

    @RequestLine("PATCH /internal/apps/{appId}")
    @Headers("Content-Type: application/json")
    SettingsChanged changeApp(@Param("appId") String appId, AppSettingsChange change);

    @RequestLine("POST /internal/apps/{appId}/api-keys")
    @Headers("Content-Type: application/json")
    IssuedApiKey issueKey(@Param("appId") String appId, KeyLabel label);

    @RequestLine("GET /internal/apps/{appId}/api-keys")
    List<ApiKey> keys(@Param("appId") String appId);

    @RequestLine("DELETE /internal/apps/{appId}/api-keys/{keyId}")
    void revokeKey(@Param("appId") String appId, @Param("keyId") String keyId);

    /** {@code limit}, {@code offset} or {@code after}, {@code q}, {@code role}, {@code disabled}, {@code verified}; unset ones left out. */
    @RequestLine("GET /internal/apps/{appId}/users")
    UserPage searchUsers(@Param("appId") String appId, @QueryMap Map<String, Object> query);

    /** Any of {@code username, nickname, email, phone, avatar_url, role}; an explicit null clears a field. */
    @RequestLine("PATCH /internal/apps/{appId}/users/{userId}")
    @Headers("Content-Type: application/json")
    UserChange editUser(@Param("appId") String appId, @Param("userId") String userId, JsonNode changes);

    @RequestLine("DELETE /internal/apps/{appId}/users/{userId}")
    void deleteUser(@Param("appId") String appId, @Param("userId") String userId);

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

    /** Passport's creation body: the id beside the settings. */
    record NewApp(@JsonProperty("app_id") String appId, @JsonUnwrapped AppSettingsChange settings) {
    }

    record KeyLabel(String label) {
    }

    record NewPassword(@JsonProperty("new_password") String newPassword) {
    }
}
