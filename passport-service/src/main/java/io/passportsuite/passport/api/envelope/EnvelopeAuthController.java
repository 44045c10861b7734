package io.passportsuite.passport.api.envelope;

import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.events.user.SessionRevoked;
import io.passportsuite.passport.account.AccountRegistration;
import io.passportsuite.passport.account.CodeProof;
import io.passportsuite.passport.account.Contact;
import io.passportsuite.passport.account.LoggedIn;
import io.passportsuite.passport.account.LoginIdentifier;
import io.passportsuite.passport.account.NewAccount;
import io.passportsuite.passport.account.PasswordLogin;
import io.passportsuite.passport.account.User;
import io.passportsuite.passport.app.App;
import io.passportsuite.passport.app.DefaultApp;
import io.passportsuite.passport.code.CodePurpose;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.session.AccessTokenAuthentication;
import io.passportsuite.passport.session.SessionTokens;
import io.passportsuite.passport.session.Sessions;
import io.passportsuite.passport.web.ClientInfos;
import io.passportsuite.passport.web.JsonBody;
import io.passportsuite.passport.web.Timestamps;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

/**
 * The Pixel Game Server surface ({@code /auth/*}): end users call it directly, it serves the
 * default app, and every answer is wrapped in {@code {success, data, message, error_code}}.
 */
@RestController
@RequestMapping("/auth")
class EnvelopeAuthController {

    private final DefaultApp defaultApp;
    private final AccountRegistration registration;
    private final PasswordLogin login;
    private final Sessions sessions;
    private final AccessTokenAuthentication tokens;
    private final EnvelopeProblems problems;

    EnvelopeAuthController(DefaultApp defaultApp, AccountRegistration registration, PasswordLogin login, Sessions sessions,
            AccessTokenAuthentication tokens, EnvelopeProblems problems) {
        this.defaultApp = defaultApp;
        this.registration = registration;
        this.login = login;
        this.sessions = sessions;
        this.tokens = tokens;
        this.problems = problems;
    }

    /** An email given at registration must be proven with a code sent to it first. */
    @PostMapping("/register")
    @FailsAs(ErrorCode.REGISTER_FAILED)
    ResponseEntity<Object> register(@RequestBody JsonNode json, HttpServletRequest request) {
        JsonBody body = JsonBody.of(json);
        App app = defaultApp.get();
        String email = body.text("email");
        String emailCode = body.text("email_verification_code");
        NewAccount account = new NewAccount(body.requiredText("username"), body.requiredText("password"), body.requiredText("nickname"),
                email, body.text("phone"), null, email != null, false, "envelope");
        // An invalid address has no proof to check: registration refuses the address itself.
        Optional<CodeProof> proof = email == null ? Optional.empty()
                : Contact.email(email, "email").succeeded()
                        .map(contact -> new CodeProof(contact, CodePurpose.VERIFY_EMAIL, emailCode, Reason.EMAIL_CODE_REQUIRED));
        return switch (registration.registerAndLogIn(app, account, proof, App.LOGIN_PASSWORD, ClientInfos.of(request))) {
            case Outcome.Success<LoggedIn> created -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(Envelope.ok(AuthData.of(created.value(), "注册成功"), "注册成功"));
            case Outcome.Failure<LoggedIn> failure -> problems.failure(failure.problem());
        };
    }

    @PostMapping("/login")
    @FailsAs(ErrorCode.LOGIN_FAILED)
    ResponseEntity<Object> login(@RequestBody JsonNode json, HttpServletRequest request) {
        JsonBody body = JsonBody.of(json);
        LoginIdentifier identifier = new LoginIdentifier.Any(body.requiredText("identifier"));
        String password = body.requiredText("password");
        return switch (login.login(defaultApp.get(), identifier, password, ClientInfos.of(request))) {
            case Outcome.Success<LoggedIn> ok -> ResponseEntity.ok(Envelope.ok(AuthData.of(ok.value(), "登录成功"), "登录成功"));
            case Outcome.Failure<LoggedIn> failure -> problems.failure(failure.problem());
        };
    }

    /** Not in the reference, which hands out refresh tokens without a way to use them. */
    @PostMapping("/refresh")
    ResponseEntity<Object> refresh(@RequestBody JsonNode json) {
        String refreshToken = JsonBody.of(json).requiredText("refresh_token");
        return switch (sessions.refresh(defaultApp.id(), refreshToken)) {
            case Outcome.Success<SessionTokens> ok -> ResponseEntity.ok(Envelope.ok(
                    new TokenData(ok.value().accessToken().token(), ok.value().refreshToken()), "刷新成功"));
            case Outcome.Failure<SessionTokens> failure -> problems.failure(failure.problem());
        };
    }

    /** Not in the reference: ends the session of the presented access token. */
    @PostMapping("/logout")
    ResponseEntity<Object> logout(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return switch (tokens.fromHeader(authorization, defaultApp.id())) {
            case Outcome.Success<AccessTokenAuthentication.Authenticated> ok -> {
                sessions.revoke(ok.value().sessionId(), SessionRevoked.LOGOUT);
                yield ResponseEntity.ok(Envelope.ok("已退出登录"));
            }
            case Outcome.Failure<AccessTokenAuthentication.Authenticated> failure -> problems.failure(failure.problem());
        };
    }

    record UserData(String id, String username, String nickname, String email, String phone,
            @JsonProperty("avatar_url") String avatarUrl, int role, @JsonProperty("created_at") String createdAt) {

        static UserData of(User user) {
            return new UserData(user.id().toString(), user.username(), user.nickname(), user.email(), user.phone(), user.avatarUrl(),
                    user.role(), Timestamps.millis(user.createdAt()));
        }
    }

    record AuthData(UserData user, @JsonProperty("access_token") String accessToken,
            @JsonProperty("refresh_token") String refreshToken, @JsonProperty("is_new_user") boolean newUser, String message) {

        static AuthData of(LoggedIn login, String message) {
            return new AuthData(UserData.of(login.user()), login.tokens().accessToken().token(), login.tokens().refreshToken(),
                    login.newAccount(), message);
        }
    }

    record TokenData(@JsonProperty("access_token") String accessToken, @JsonProperty("refresh_token") String refreshToken) {
    }
}
