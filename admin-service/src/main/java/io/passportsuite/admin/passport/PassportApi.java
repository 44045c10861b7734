package io.passportsuite.admin.passport;

import org.springframework.cloud.openfeign.FeignClient;

import com.fasterxml.jackson.annotation.JsonProperty;

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

    record AdminSessionRequest(String identifier, String password, String clientIp, String userAgent) {
    }

    record UserHolder(PassportUser user) {
    }

    record NewPassword(@JsonProperty("new_password") String newPassword) {
    }
}
