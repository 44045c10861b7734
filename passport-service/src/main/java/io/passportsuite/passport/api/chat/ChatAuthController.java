package io.passportsuite.passport.api.chat;

import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.passport.account.AccountRegistration;
import io.passportsuite.passport.account.CodeLogin;
import io.passportsuite.passport.account.Contact;
import io.passportsuite.passport.account.LoggedIn;
import io.passportsuite.passport.account.LoginIdentifier;
import io.passportsuite.passport.account.NewAccount;
import io.passportsuite.passport.account.PasswordLogin;
import io.passportsuite.passport.app.App;
import io.passportsuite.passport.app.DefaultApp;
import io.passportsuite.passport.code.CodePurpose;
import io.passportsuite.passport.code.IssuedCode;
import io.passportsuite.passport.code.VerificationCodes;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.session.SessionTokens;
import io.passportsuite.passport.session.Sessions;
import io.passportsuite.passport.web.ClientInfos;
import io.passportsuite.passport.web.JsonBody;
import io.passportsuite.passport.web.Locales;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

/** The chat app's auth API ({@code /api/auth/*}): sign-up and login by password or email code, refresh. camelCase JSON. */
@RestController
@RequestMapping("/api/auth")
class ChatAuthController {

    private final DefaultApp defaultApp;
    private final AccountRegistration registration;
    private final PasswordLogin login;
    private final CodeLogin codeLogin;
    private final Sessions sessions;
    private final VerificationCodes codes;
    private final ChatProblems problems;

    ChatAuthController(DefaultApp defaultApp, AccountRegistration registration, PasswordLogin login, CodeLogin codeLogin,
            Sessions sessions, VerificationCodes codes, ChatProblems problems) {
        this.defaultApp = defaultApp;
        this.registration = registration;
        this.login = login;
        this.codeLogin = codeLogin;
        this.sessions = sessions;
        this.codes = codes;
        this.problems = problems;
    }

    @PostMapping("/register")
    ResponseEntity<Object> register(@RequestBody JsonNode json, HttpServletRequest request) {
        JsonBody body = JsonBody.of(json);
        NewAccount account = new NewAccount(body.text("username"), body.requiredText("password"), body.text("displayName"),
                body.requiredText("email"), null, body.text("inviteCode"), false, false, "chat");
        return switch (registration.registerAndLogIn(defaultApp.get(), account, Optional.empty(), App.LOGIN_PASSWORD,
                ClientInfos.of(request))) {
            case Outcome.Success<LoggedIn> created -> ResponseEntity.status(HttpStatus.CREATED).body(AuthView.of(created.value()));
            case Outcome.Failure<LoggedIn> failure -> problems.failure(failure.problem());
        };
    }

    @PostMapping("/login")
    ResponseEntity<Object> login(@RequestBody JsonNode json, HttpServletRequest request) {
        JsonBody body = JsonBody.of(json);
        LoginIdentifier identifier = new LoginIdentifier.Email(body.requiredText("email"));
        String password = body.requiredText("password");
        return switch (login.login(defaultApp.get(), identifier, password, ClientInfos.of(request))) {
            case Outcome.Success<LoggedIn> ok -> ResponseEntity.ok(AuthView.of(ok.value()));
            case Outcome.Failure<LoggedIn> failure -> problems.failure(failure.problem());
        };
    }

    /** Sends a login code to the email; the answer is the same whether or not an account has it. */
    @PostMapping("/email/start")
    ResponseEntity<Object> startEmailLogin(@RequestBody JsonNode json, HttpServletRequest request) {
        Contact email = Contact.email(JsonBody.of(json).requiredText("email"), "email").orRaise();
        return switch (codes.issue(defaultApp.get(), email.channel(), email.value(), CodePurpose.LOGIN,
                Locales.preferred(request, Locales.ENGLISH), ClientInfos.of(request).ip())) {
            // Test mode only (no delivery channel, never in production): the code comes back for development.
            case Outcome.Success<IssuedCode> ok when ok.value().testMode() ->
                    ResponseEntity.ok(Map.of("sent", true, "testMode", true, "code", ok.value().revealed()));
            case Outcome.Success<IssuedCode> ok -> ResponseEntity.ok(Map.of("sent", true));
            case Outcome.Failure<IssuedCode> failure -> problems.failure(failure.problem());
        };
    }

    /** Logs in the account of that email, or creates a guest account for a new one. */
    @PostMapping("/email/verify")
    ResponseEntity<Object> verifyEmailLogin(@RequestBody JsonNode json, HttpServletRequest request) {
        JsonBody body = JsonBody.of(json);
        Contact email = Contact.email(body.requiredText("email"), "email").orRaise();
        String code = body.requiredText("code");
        return switch (codeLogin.login(defaultApp.get(), email, code, true, ClientInfos.of(request))) {
            case Outcome.Success<LoggedIn> ok -> ResponseEntity.ok(AuthView.of(ok.value()));
            case Outcome.Failure<LoggedIn> failure -> problems.failure(failure.problem());
        };
    }

    @PostMapping("/refresh")
    ResponseEntity<Object> refresh(@RequestBody JsonNode json) {
        String refreshToken = JsonBody.of(json).requiredText("refreshToken");
        return switch (sessions.refresh(defaultApp.id(), refreshToken)) {
            case Outcome.Success<SessionTokens> ok -> ResponseEntity.ok(new TokensView(ok.value().accessToken().token(), ok.value().refreshToken()));
            case Outcome.Failure<SessionTokens> failure -> problems.failure(failure.problem());
        };
    }

    record AuthView(String accessToken, String refreshToken, MeView user) {

        static AuthView of(LoggedIn login) {
            return new AuthView(login.tokens().accessToken().token(), login.tokens().refreshToken(), MeView.of(login.user()));
        }
    }

    record TokensView(String accessToken, String refreshToken) {
    }
}
