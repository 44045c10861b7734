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
import io.passportsuite.passport.web.LoginMetrics;
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
        ContactInput contact = ContactInput.of(body);
        String captcha = body.text("captcha");
        if (captcha == null && app.registerCaptchaRequired()) {
            throw Problem.of(Reason.CAPTCHA_REQUIRED).raise();
        }
        NewAccount account = new NewAccount(null, password, nickname, contact.email(), contact.phone(), null,
                captcha != null && contact.email() != null, captcha != null && contact.phone() != null, "canonical");
        // A captcha, when given, must be the code sent for registration to this contact; a contact that is
        // no valid address is refused by the registration itself.
        Optional<CodeProof> proof = captcha == null ? Optional.empty()
                : contact.normalized().succeeded().map(valid -> new CodeProof(valid, CodePurpose.REGISTER, captcha, Reason.CAPTCHA_REQUIRED));
        return switch (registration.register(app, account, proof)) {
            case Outcome.Success<User> created -> ResponseEntity.status(HttpStatus.CREATED).body(UserView.of(created.value()));
            case Outcome.Failure<User> failure -> problems.failure(failure.problem());
        };
    }

    @PostMapping("/login")
    ResponseEntity<Object> login(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode json, HttpServletRequest request) {
        App app = caller.appOf(authorization);
        request.setAttribute(LoginMetrics.APP_ATTRIBUTE, app.appId());
        JsonBody body = JsonBody.of(json);
        caller.requireSameApp(app, body);
        ContactInput contact = ContactInput.of(body);
        String password = body.text("password");
        String captcha = body.text("captcha");
        if (password == null && captcha == null) {
            throw Problem.of(Reason.PASSWORD_OR_CAPTCHA_REQUIRED).raise();
        }
        Outcome<LoggedIn> outcome = password != null
                ? login.login(app, contact.email() != null ? new LoginIdentifier.Email(contact.email())
                        : new LoginIdentifier.Phone(contact.phone()), password, ClientInfos.of(request))
                : codeLogin.login(app, contact.normalized().orRaise(), captcha, false, ClientInfos.of(request));
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
        ContactInput input = ContactInput.of(body);
        CodePurpose purpose = switch (body.requiredText("scene")) {
            case "captcha_register" -> CodePurpose.REGISTER;
            case "captcha_login" -> CodePurpose.LOGIN;
            case "captcha_reset_password" -> CodePurpose.RESET_PASSWORD;
            default -> throw Problem.of(Reason.SCENE_INVALID).raise();
        };
        Contact contact = input.normalized().orRaise();
        String locale = Locales.preferred(request, Locales.CHINESE);
        String ip = ClientInfos.of(request).ip();
        Outcome<IssuedCode> outcome = purpose == CodePurpose.RESET_PASSWORD
                ? resets.sendCode(app, contact, locale, ip)
                : codes.issue(app, contact.channel(), contact.value(), purpose, locale, ip);
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
        ContactInput contact = ContactInput.of(body);
        String captcha = body.requiredText("captcha");
        String newPassword = body.requiredText("new_password");
        return switch (resets.reset(app, contact.normalized(), captcha, newPassword)) {
            case Outcome.Success<UUID> ok -> ResponseEntity.ok(Map.of());
            case Outcome.Failure<UUID> failure -> problems.failure(failure.problem());
        };
    }

    /** The contact as the request gives it: its kind checked, its value as sent. */
    private record ContactInput(String email, String phone) {

        static ContactInput of(JsonBody body) {
            String type = body.requiredText("contact_type");
            String contact = body.requiredText("contact");
            return switch (type) {
                case "email" -> new ContactInput(contact, null);
                case "phone" -> new ContactInput(null, contact);
                default -> throw Problem.of(Reason.CONTACT_TYPE_INVALID).raise();
            };
        }

        /** In normal form, as accounts are found by it and codes are bound to it. */
        Outcome<Contact> normalized() {
            return email != null ? Contact.email(email, "contact") : Contact.phone(phone, "contact");
        }
    }

    record LoginView(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("token_type") String tokenType) {
    }

}
