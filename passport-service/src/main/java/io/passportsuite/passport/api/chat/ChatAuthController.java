package io.passportsuite.passport.api.chat;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.common.events.notification.NotificationRequested;
import io.passportsuite.common.identity.Contacts;
import io.passportsuite.passport.account.AccountRegistration;
import io.passportsuite.passport.account.CodeLogin;
import io.passportsuite.passport.account.LoginIdentifier;
import io.passportsuite.passport.account.NewAccount;
import io.passportsuite.passport.account.PasswordLogin;
import io.passportsuite.passport.account.Presence;
import io.passportsuite.passport.account.ProfileChanges;
import io.passportsuite.passport.account.ProfileUpdate;
import io.passportsuite.passport.account.User;
import io.passportsuite.passport.account.UserRepository;
import io.passportsuite.passport.app.App;
import io.passportsuite.passport.app.DefaultApp;
import io.passportsuite.passport.code.CodePurpose;
import io.passportsuite.passport.code.IssuedCode;
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

/** The chat app's auth API ({@code /api/auth/*}): camelCase JSON, access and refresh tokens, presence. */
@RestController
@RequestMapping("/api/auth")
class ChatAuthController {

    private final DefaultApp defaultApp;
    private final UserRepository users;
    private final AccountRegistration registration;
    private final PasswordLogin login;
    private final ProfileUpdate profiles;
    private final Presence presence;
    private final Sessions sessions;
    private final AccessTokenAuthentication tokens;
    private final VerificationCodes codes;
    private final CodeLogin codeLogin;

    ChatAuthController(VerificationCodes codes, CodeLogin codeLogin, DefaultApp defaultApp, UserRepository users, AccountRegistration registration,
            PasswordLogin login, ProfileUpdate profiles, Presence presence, Sessions sessions, AccessTokenAuthentication tokens) {
        this.defaultApp = defaultApp;
        this.users = users;
        this.registration = registration;
        this.login = login;
        this.profiles = profiles;
        this.presence = presence;
        this.sessions = sessions;
        this.tokens = tokens;
        this.codes = codes;
        this.codeLogin = codeLogin;
    }

    @PostMapping("/register")
    ResponseEntity<Object> register(@RequestBody JsonNode json, HttpServletRequest request) {
        JsonBody body = JsonBody.of(json);
        App app = defaultApp.get();
        NewAccount account = new NewAccount(body.text("username"), body.requiredText("password"), body.text("displayName"),
                body.requiredText("email"), null, body.text("inviteCode"), false, false, "chat");
        return switch (registration.register(app, account)) {
            case Outcome.Success<User> created -> {
                SessionTokens session = sessions.open(app, created.value(), App.LOGIN_PASSWORD, ClientInfo.of(request));
                yield ResponseEntity.status(HttpStatus.CREATED).body(AuthView.of(created.value(), session));
            }
            case Outcome.Failure<User> failure -> ProblemResponses.of(request.getRequestURI(), failure.problem());
        };
    }

    @PostMapping("/login")
    ResponseEntity<Object> login(@RequestBody JsonNode json, HttpServletRequest request) {
        JsonBody body = JsonBody.of(json);
        LoginIdentifier identifier = new LoginIdentifier.Email(body.requiredText("email"));
        String password = body.requiredText("password");
        return switch (login.login(defaultApp.get(), identifier, password, ClientInfo.of(request))) {
            case Outcome.Success<PasswordLogin.LoggedIn> ok -> ResponseEntity.ok(AuthView.of(ok.value().user(), ok.value().tokens()));
            case Outcome.Failure<PasswordLogin.LoggedIn> failure -> ProblemResponses.of(request.getRequestURI(), failure.problem());
        };
    }

    /** Sends a login code to the email; the answer is the same whether or not an account has it. */
    @PostMapping("/email/start")
    ResponseEntity<Object> startEmailLogin(@RequestBody JsonNode json, HttpServletRequest request) {
        String email = Contacts.email(JsonBody.of(json).requiredText("email"))
                .orElseThrow(() -> Problem.invalid("email is not a valid address").raise());
        String locale = request.getHeader("Accept-Language") != null && request.getHeader("Accept-Language").startsWith("zh") ? "zh-CN" : "en";
        return switch (codes.issue(defaultApp.get(), NotificationRequested.EMAIL, email, CodePurpose.LOGIN, locale,
                ClientInfo.of(request).ip())) {
            // Test mode only (no delivery channel, never in production): the code comes back for development.
            case Outcome.Success<IssuedCode> ok when ok.value().testMode() ->
                    ResponseEntity.ok(Map.of("sent", true, "testMode", true, "code", ok.value().revealed()));
            case Outcome.Success<IssuedCode> ok -> ResponseEntity.ok(Map.of("sent", true));
            case Outcome.Failure<IssuedCode> failure -> ProblemResponses.of(request.getRequestURI(), failure.problem());
        };
    }

    /** Logs in the account of that email, or creates a guest account for a new one. */
    @PostMapping("/email/verify")
    ResponseEntity<Object> verifyEmailLogin(@RequestBody JsonNode json, HttpServletRequest request) {
        JsonBody body = JsonBody.of(json);
        String email = Contacts.email(body.requiredText("email"))
                .orElseThrow(() -> Problem.invalid("email is not a valid address").raise());
        String code = body.requiredText("code");
        return switch (codeLogin.login(defaultApp.get(), email, null, code, true, ClientInfo.of(request))) {
            case Outcome.Success<PasswordLogin.LoggedIn> ok -> ResponseEntity.ok(AuthView.of(ok.value().user(), ok.value().tokens()));
            case Outcome.Failure<PasswordLogin.LoggedIn> failure -> ProblemResponses.of(request.getRequestURI(), failure.problem());
        };
    }

    @PostMapping("/refresh")
    ResponseEntity<Object> refresh(@RequestBody JsonNode json, HttpServletRequest request) {
        String refreshToken = JsonBody.of(json).requiredText("refreshToken");
        return switch (sessions.refresh(defaultApp.id(), refreshToken)) {
            case Outcome.Success<SessionTokens> ok -> ResponseEntity.ok(new TokensView(ok.value().accessToken().token(), ok.value().refreshToken()));
            case Outcome.Failure<SessionTokens> failure -> ProblemResponses.of(request.getRequestURI(), failure.problem());
        };
    }

    @GetMapping("/me")
    ResponseEntity<Object> me(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        User user = currentUser(authorization);
        return ResponseEntity.ok(MeView.of(user));
    }

    @PatchMapping("/me")
    ResponseEntity<Object> updateMe(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode json, HttpServletRequest request) {
        User user = currentUser(authorization);
        JsonBody body = JsonBody.of(json);
        ProfileChanges changes = new ProfileChanges(body.change("displayName", false), body.change("avatarUrl", true),
                ProfileChanges.Change.keep());
        return switch (profiles.update(user.appId(), user.id(), changes)) {
            case Outcome.Success<User> updated -> ResponseEntity.ok(MeView.of(updated.value()));
            case Outcome.Failure<User> failure -> ProblemResponses.of(request.getRequestURI(), failure.problem());
        };
    }

    @GetMapping("/users/{id}")
    ResponseEntity<Object> profile(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String id) {
        currentUser(authorization);
        UUID userId;
        try {
            userId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new Problem(Problem.Kind.USER_NOT_FOUND, "no such user").raise();
        }
        User user = users.findInApp(defaultApp.id(), userId)
                .orElseThrow(() -> new Problem(Problem.Kind.USER_NOT_FOUND, "no such user").raise());
        return ResponseEntity.ok(PublicProfileView.of(user));
    }

    @PostMapping("/disconnect")
    ResponseEntity<Void> disconnect(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        AccessTokenAuthentication.Authenticated caller = authenticated(authorization);
        presence.disconnected(caller.userId());
        return ResponseEntity.noContent().build();
    }

    private User currentUser(String authorization) {
        AccessTokenAuthentication.Authenticated caller = authenticated(authorization);
        presence.seen(caller.userId());
        return users.find(caller.userId()).orElseThrow(() -> new Problem(Problem.Kind.INVALID_TOKEN, "token is invalid or expired").raise());
    }

    private AccessTokenAuthentication.Authenticated authenticated(String authorization) {
        return switch (tokens.fromHeader(authorization, defaultApp.id())) {
            case Outcome.Success<AccessTokenAuthentication.Authenticated> ok -> ok.value();
            case Outcome.Failure<AccessTokenAuthentication.Authenticated> failure -> throw failure.problem().raise();
        };
    }


    record MeView(String id, String username, String displayName, String avatarUrl, boolean isBot, String email,
            boolean emailVerified, String createdAt) {

        static MeView of(User user) {
            return new MeView(user.id().toString(), user.username(), user.nickname(), user.avatarUrl(), user.bot(), user.email(),
                    user.emailVerified(), Timestamps.millis(user.createdAt()));
        }
    }

    record PublicProfileView(String id, String username, String displayName, String avatarUrl, boolean isBot, boolean online,
            String lastSeenAt) {

        static PublicProfileView of(User user) {
            return new PublicProfileView(user.id().toString(), user.username(), user.nickname(), user.avatarUrl(), user.bot(),
                    user.online(), Timestamps.millis(user.lastSeenAt()));
        }
    }

    record AuthView(String accessToken, String refreshToken, MeView user) {

        static AuthView of(User user, SessionTokens session) {
            return new AuthView(session.accessToken().token(), session.refreshToken(), MeView.of(user));
        }
    }

    record TokensView(String accessToken, String refreshToken) {
    }
}
