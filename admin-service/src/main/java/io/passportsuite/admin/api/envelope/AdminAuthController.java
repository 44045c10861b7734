package io.passportsuite.admin.api.envelope;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.admin.auth.LoggingIn;
import io.passportsuite.admin.passport.AdminSession;
import io.passportsuite.admin.passport.PassportReply;
import io.passportsuite.admin.web.Refusal;
import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.web.SuiteHeaders;
import tools.jackson.databind.JsonNode;

/** {@code POST /admin/auth/login}: the one back-office endpoint open without a token (the gateway counts failures). */
@RestController
class AdminAuthController {

    private final LoggingIn loggingIn;

    AdminAuthController(LoggingIn loggingIn) {
        this.loggingIn = loggingIn;
    }

    @PostMapping("/admin/auth/login")
    Envelope<LoginData> login(@RequestBody(required = false) JsonNode json,
            @RequestHeader(name = SuiteHeaders.CLIENT_IP, required = false) String clientIp,
            @RequestHeader(name = SuiteHeaders.REQUEST_ID, required = false) String requestId,
            @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String userAgent) {
        JsonNode body = Bodies.object(json, ErrorCode.ADMIN_LOGIN_FAILED);
        String identifier = Bodies.requiredText(body, "identifier", ErrorCode.ADMIN_LOGIN_FAILED, "请输入用户名、邮箱或手机号");
        String password = Bodies.requiredText(body, "password", ErrorCode.ADMIN_LOGIN_FAILED, "请输入密码");
        PassportReply<AdminSession> reply = loggingIn.login(identifier, password, clientIp, userAgent, requestId);
        return switch (reply) {
            case PassportReply.Answered<AdminSession>(AdminSession session) -> Envelope.ok(LoginData.of(session), "管理员登录成功");
            // Passport's one answer to a wrong password, an unknown account, a non-administrator and a disabled one.
            case PassportReply.Refused<AdminSession> refused when refused.status() == 401 ->
                    throw new Refusal(ErrorCode.ADMIN_LOGIN_FAILED, 401, "管理员用户名或密码错误");
            default -> throw PassportRefusals.of(reply, ErrorCode.ADMIN_LOGIN_FAILED);
        };
    }

    /**
     * The reference's fields exactly: the back office has no refresh endpoint, so passport's refresh
     * token is not handed out; the administrator logs in again when the access token expires.
     */
    record LoginData(Admin admin, @JsonProperty("access_token") String accessToken, @JsonProperty("expires_at") long expiresAt) {

        static LoginData of(AdminSession session) {
            AdminSession.Admin admin = session.admin();
            return new LoginData(new Admin(admin.id(), admin.username(), admin.nickname(), admin.role()),
                    session.accessToken(), session.expiresAt());
        }
    }

    record Admin(String id, String username, String nickname, int role) {
    }
}
