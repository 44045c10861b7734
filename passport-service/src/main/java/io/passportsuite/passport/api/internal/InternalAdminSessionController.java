package io.passportsuite.passport.api.internal;

import java.util.UUID;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.passport.account.AdminLogin;
import io.passportsuite.passport.account.LoggedIn;
import io.passportsuite.passport.account.User;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.session.ClientInfo;
import io.passportsuite.passport.web.InternalApi;
import io.passportsuite.passport.web.JsonBody;
import tools.jackson.databind.JsonNode;

/**
 * Internal: the back office logs an administrator in. The client's address comes in the body
 * ({@code clientIp}): the caller is admin-service, which forwards what the gateway told it.
 */
@RestController
@InternalApi
class InternalAdminSessionController {

    private static final int MAX_CLIENT_IP = 64;
    private static final int MAX_USER_AGENT = 300;

    private final AdminLogin login;

    InternalAdminSessionController(AdminLogin login) {
        this.login = login;
    }

    /** {@code identifier}: username, email or phone. A failure for any reason about the account is one 401. */
    @PostMapping("/internal/admin/sessions")
    AdminSession open(@RequestBody JsonNode json) {
        JsonBody body = JsonBody.of(json);
        String clientIp = body.text("clientIp");
        if (clientIp != null && clientIp.length() > MAX_CLIENT_IP) {
            throw Problem.of(Reason.FIELD_TOO_LONG, "clientIp").raise();
        }
        String userAgent = body.text("userAgent");
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
        LoggedIn in = login.login(body.text("identifier"), body.text("password"), new ClientInfo(clientIp, userAgent)).orRaise();
        User admin = in.user();
        return new AdminSession(new Admin(admin.id(), admin.username(), admin.nickname(), admin.role()),
                in.tokens().accessToken().token(), in.tokens().refreshToken(), in.tokens().accessToken().expiresAt().toEpochMilli());
    }

    record Admin(UUID id, String username, String nickname, int role) {
    }

    /** {@code expires_at}: when the access token expires, in epoch milliseconds. */
    record AdminSession(Admin admin, @JsonProperty("access_token") String accessToken,
            @JsonProperty("refresh_token") String refreshToken, @JsonProperty("expires_at") long expiresAt) {
    }
}
