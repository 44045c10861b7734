package io.passportsuite.passport.api.canonical;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.passport.account.AccountRegistration;
import io.passportsuite.passport.account.CodeLogin;
import io.passportsuite.passport.account.CodeProof;
import io.passportsuite.passport.account.Contact;
import io.passportsuite.passport.account.LoggedIn;
import io.passportsuite.passport.account.LoginIdentifier;
import io.passportsuite.passport.account.NewAccount;
import io.passportsuite.passport.account.PasswordLogin;
import io.passportsuite.passport.account.PasswordReset;
import io.passportsuite.passport.account.User;
import io.passportsuite.passport.app.App;
import io.passportsuite.passport.code.CodePurpose;
import io.passportsuite.passport.code.IssuedCode;
import io.passportsuite.passport.code.VerificationCodes;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.web.ClientInfos;
import io.passportsuite.passport.web.JsonBody;
import io.passportsuite.passport.web.Locales;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

/**
 * The canonical API's accounts ({@code /auth/v1/register}, {@code login}, {@code captcha},
 * {@code password/reset}), called by an app's backend with its API key. The key decides the app.
 */
@RestController
@RequestMapping("/auth/v1")
class CanonicalAccountsController {

    private final CallingApp caller;
    private final AccountRegistration registration;
    private final PasswordLogin login;
    private final CodeLogin codeLogin;
    private final PasswordReset resets;
    private final VerificationCodes codes;
    private final CanonicalProblems problems;

    CanonicalAccountsController(CallingApp caller, AccountRegistration registration, PasswordLogin login, CodeLogin codeLogin,
            PasswordReset resets, VerificationCodes codes, CanonicalProblems problems) {
        this.caller = caller;
        this.registration = registration;
        this.login = login;
        this.codeLogin = codeLogin;
        this.resets = resets;
        this.codes = codes;
        this.problems = problems;
    }

    @PostMapping("/register")
    ResponseEntity<Object> register(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode json) {
        App app = caller.appOf(authorization);
        JsonBody body = JsonBody.of(json);
        caller.requireSameApp(app, body);
        String nickname = body.requiredText("nickname");
        String password = body.requiredText("password");
        Contact contact = contactOf(body);
        String captcha = body.text("captcha");
        if (captcha == null && app.registerCaptchaRequired()) {
            throw Problem.of(Reason.CAPTCHA_REQUIRED).raise();
        }
        NewAccount account = new NewAccount(null, password, nickname, contact.isEmail() ? contact.value() : null,
                contact.isEmail() ? null : contact.value(), null, captcha != null && contact.isEmail(), captcha != null && !contact.isEmail(),
                "canonical");
        // A captcha, when given, must be the code sent for registration to this contact.
        Optional<CodeProof> proof = Optional.ofNullable(captcha)
                .map(code -> new CodeProof(contact, CodePurpose.REGISTER, code, Reason.CAPTCHA_REQUIRED));
        return switch (registration.register(app, account, proof)) {
            case Outcome.Success<User> created -> ResponseEntity.status(HttpStatus.CREATED).body(UserView.of(created.value()));
            case Outcome.Failure<User> failure -> problems.failure(failure.problem());
        };
    }

    @PostMapping("/login")
    ResponseEntity<Object> login(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode json, HttpServletRequest request) {
        App app = caller.appOf(authorization);
        JsonBody body = JsonBody.of(json);
        caller.requireSameApp(app, body);
        String type = contactType(body);
        String raw = body.requiredText("contact");
        String password = body.text("password");
        String captcha = body.text("captcha");
        if (password == null && captcha == null) {
            throw Problem.of(Reason.PASSWORD_OR_CAPTCHA_REQUIRED).raise();
        }
        Outcome<LoggedIn> outcome = password != null
                ? login.login(app, type.equals("email") ? new LoginIdentifier.Email(raw) : new LoginIdentifier.Phone(raw), password,
                        ClientInfos.of(request))
                : codeLogin.login(app, contactOf(type, raw), captcha, false, ClientInfos.of(request));
        return switch (outcome) {
            case Outcome.Success<LoggedIn> ok -> {
                Instant expiresAt = ok.value().tokens().accessToken().expiresAt();
                long expiresIn = Math.max(0, Duration.between(ok.value().tokens().accessToken().issuedAt(), expiresAt).toSeconds());
                yield ResponseEntity.ok(new LoginView(ok.value().tokens().accessToken().token(), expiresIn, "Bearer"));
            }
            case Outcome.Failure<LoggedIn> failure -> problems.failure(failure.problem());
        };
    }

    /** Sends a code for a scene; answers {@code {}} as documented, whether or not an account has the contact. */
    @PostMapping("/captcha")
    ResponseEntity<Object> captcha(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode json, HttpServletRequest request) {
        App app = caller.appOf(authorization);
        JsonBody body = JsonBody.of(json);
        // The reference's captcha has no app_id; one sent anyway must still be the key's app.
        if (body.text("app_id") != null) {
            caller.requireSameApp(app, body);
        }
        Contact contact = contactOf(body);
        String scene = body.requiredText("scene");
        String locale = Locales.preferred(request, Locales.CHINESE);
        String ip = ClientInfos.of(request).ip();
        Outcome<IssuedCode> outcome = switch (scene) {
            case "captcha_register" -> codes.issue(app, contact.channel(), contact.value(), CodePurpose.REGISTER, locale, ip);
            case "captcha_login" -> codes.issue(app, contact.channel(), contact.value(), CodePurpose.LOGIN, locale, ip);
            case "captcha_reset_password" -> resets.sendCode(app, contact, locale, ip);
            default -> throw Problem.of(Reason.SCENE_INVALID).raise();
        };
        return switch (outcome) {
            case Outcome.Success<IssuedCode> ok -> ResponseEntity.ok(Map.of());
            case Outcome.Failure<IssuedCode> failure -> problems.failure(failure.problem());
        };
    }

    /** Not in the reference, which has the scene but no endpoint: a new password with a reset code. */
    @PostMapping("/password/reset")
    ResponseEntity<Object> resetPassword(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode json) {
        App app = caller.appOf(authorization);
        JsonBody body = JsonBody.of(json);
        caller.requireSameApp(app, body);
        Contact contact = contactOf(body);
        String captcha = body.requiredText("captcha");
        String newPassword = body.requiredText("new_password");
        return switch (resets.reset(app, contact, captcha, newPassword)) {
            case Outcome.Success<UUID> ok -> ResponseEntity.ok(Map.of());
            case Outcome.Failure<UUID> failure -> problems.failure(failure.problem());
        };
    }

    private static String contactType(JsonBody body) {
        String type = body.requiredText("contact_type");
        if (!type.equals("email") && !type.equals("phone")) {
            throw Problem.of(Reason.CONTACT_TYPE_INVALID).raise();
        }
        return type;
    }

    private static Contact contactOf(JsonBody body) {
        String type = contactType(body);
        return contactOf(type, body.requiredText("contact"));
    }

    /** The contact in normal form, as codes are bound to it. */
    private static Contact contactOf(String type, String raw) {
        Outcome<Contact> contact = type.equals("email") ? Contact.email(raw, "contact") : Contact.phone(raw, "contact");
        return switch (contact) {
            case Outcome.Success<Contact> ok -> ok.value();
            case Outcome.Failure<Contact> failure -> throw failure.problem().raise();
        };
    }

    record LoginView(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("token_type") String tokenType) {
    }

}
