package io.passportsuite.passport.api.envelope;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

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
import io.passportsuite.common.events.user.SessionRevoked;
import io.passportsuite.common.identity.Contacts;
import io.passportsuite.passport.account.AccountRegistration;
import io.passportsuite.passport.account.LoginIdentifier;
import io.passportsuite.passport.account.NewAccount;
import io.passportsuite.passport.account.PasswordLogin;
import io.passportsuite.passport.account.User;
import io.passportsuite.passport.app.App;
import io.passportsuite.passport.app.DefaultApp;
import io.passportsuite.passport.code.CodePurpose;
import io.passportsuite.passport.code.VerificationCodes;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.session.AccessTokenAuthentication;
import io.passportsuite.passport.session.SessionTokens;
import io.passportsuite.passport.session.Sessions;
import io.passportsuite.passport.web.ClientInfo;
import io.passportsuite.passport.web.JsonBody;
import io.passportsuite.passport.web.ProblemResponses;
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

    private static final Map<String, String> MESSAGES = Map.of(
            "username already exists", "用户名已存在",
            "email already registered", "邮箱已被注册",
            "phone already registered", "手机号已被注册",
            PasswordLogin.WRONG_CREDENTIALS, "用户名或密码错误",
            PasswordLogin.DISABLED, "账户已被禁用");

    private final DefaultApp defaultApp;
    private final AccountRegistration registration;
    private final PasswordLogin login;
    private final Sessions sessions;
    private final AccessTokenAuthentication tokens;
    private final VerificationCodes codes;

    EnvelopeAuthController(DefaultApp defaultApp, AccountRegistration registration, PasswordLogin login,
            Sessions sessions, AccessTokenAuthentication tokens, VerificationCodes codes) {
        this.defaultApp = defaultApp;
        this.registration = registration;
        this.login = login;
        this.sessions = sessions;
        this.tokens = tokens;
        this.codes = codes;
    }

    @PostMapping("/register")
    ResponseEntity<Object> register(@RequestBody JsonNode json, HttpServletRequest request) {
        JsonBody body = JsonBody.of(json);
        App app = defaultApp.get();
        String email = body.text("email");
        String emailCode = body.text("email_verification_code");
        NewAccount account = new NewAccount(body.requiredText("username"), body.requiredText("password"), body.requiredText("nickname"),
                email, body.text("phone"), null, email != null, false, "envelope");
        // An email given at registration must be proven with a code sent to it first.
        Supplier<Optional<Problem>> emailProof = () -> {
            if (email == null) {
                return Optional.empty();
            }
            if (emailCode == null) {
                return Optional.of(Problem.invalid("email_verification_code is required with an email; request one at /auth/send-email-verification"));
            }
            String normalized = Contacts.email(email).orElse(email);
            return codes.consume(app.appId(), normalized, CodePurpose.VERIFY_EMAIL, emailCode)
                    ? Optional.empty()
                    : Optional.of(new Problem(Problem.Kind.INVALID_CODE, "邮箱验证码错误或已过期"));
        };
        return switch (registration.register(app, account, emailProof)) {
            case Outcome.Success<User> created -> {
                SessionTokens session = sessions.open(app, created.value(), App.LOGIN_PASSWORD, ClientInfo.of(request));
                yield ResponseEntity.status(HttpStatus.CREATED)
                        .body(Envelope.ok(AuthData.of(created.value(), session, true, "注册成功"), "注册成功"));
            }
            case Outcome.Failure<User> failure -> failed(request, failure.problem());
        };
    }

    @PostMapping("/login")
    ResponseEntity<Object> login(@RequestBody JsonNode json, HttpServletRequest request) {
        JsonBody body = JsonBody.of(json);
        LoginIdentifier identifier = new LoginIdentifier.Any(body.requiredText("identifier"));
        String password = body.requiredText("password");
        return switch (login.login(defaultApp.get(), identifier, password, ClientInfo.of(request))) {
            case Outcome.Success<PasswordLogin.LoggedIn> ok ->
                    ResponseEntity.ok(Envelope.ok(AuthData.of(ok.value().user(), ok.value().tokens(), false, "登录成功"), "登录成功"));
            case Outcome.Failure<PasswordLogin.LoggedIn> failure -> failed(request, failure.problem());
        };
    }

    /** Not in the reference, which hands out refresh tokens without a way to use them. */
    @PostMapping("/refresh")
    ResponseEntity<Object> refresh(@RequestBody JsonNode json, HttpServletRequest request) {
        String refreshToken = JsonBody.of(json).requiredText("refresh_token");
        return switch (sessions.refresh(defaultApp.id(), refreshToken)) {
            case Outcome.Success<SessionTokens> ok -> ResponseEntity.ok(Envelope.ok(
                    new TokenData(ok.value().accessToken().token(), ok.value().refreshToken()), "刷新成功"));
            case Outcome.Failure<SessionTokens> failure -> failed(request, failure.problem());
        };
    }

    /** Not in the reference: ends the session of the presented access token. */
    @PostMapping("/logout")
    ResponseEntity<Object> logout(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            HttpServletRequest request) {
        return switch (tokens.fromHeader(authorization, defaultApp.id())) {
            case Outcome.Success<AccessTokenAuthentication.Authenticated> ok -> {
                sessions.revoke(ok.value().sessionId(), SessionRevoked.LOGOUT);
                yield ResponseEntity.ok(Envelope.ok("已退出登录"));
            }
            case Outcome.Failure<AccessTokenAuthentication.Authenticated> failure -> failed(request, failure.problem());
        };
    }


    private static ResponseEntity<Object> failed(HttpServletRequest request, Problem problem) {
        return ProblemResponses.of(request.getRequestURI(),
                new Problem(problem.kind(), MESSAGES.getOrDefault(problem.message(), problem.message())));
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

        static AuthData of(User user, SessionTokens session, boolean newUser, String message) {
            return new AuthData(UserData.of(user), session.accessToken().token(), session.refreshToken(), newUser, message);
        }
    }

    record TokenData(@JsonProperty("access_token") String accessToken, @JsonProperty("refresh_token") String refreshToken) {
    }
}
