package io.passportsuite.admin.passport;

import java.util.List;

import org.springframework.cloud.openfeign.FeignClient;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import feign.Headers;
import feign.Param;
import feign.RequestLine;

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
