package io.passportsuite.passport.api.canonical;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.common.events.user.SessionRevoked;
import io.passportsuite.common.events.notification.NotificationRequested;
import io.passportsuite.common.identity.Contacts;
import io.passportsuite.passport.account.AccountRegistration;
import io.passportsuite.passport.account.CodeLogin;
import io.passportsuite.passport.account.PasswordChange;
import io.passportsuite.passport.account.LoginIdentifier;
import io.passportsuite.passport.account.NewAccount;
import io.passportsuite.passport.account.PasswordLogin;
import io.passportsuite.passport.account.ProfileChanges;
import io.passportsuite.passport.account.ProfileUpdate;
import io.passportsuite.passport.account.ProvingContact;
import io.passportsuite.passport.account.User;
import io.passportsuite.passport.account.UserRepository;
import io.passportsuite.passport.app.ApiKeyAuthenticator;
import io.passportsuite.passport.app.App;
import io.passportsuite.passport.code.CodePurpose;
import io.passportsuite.passport.code.IssuedCode;
import io.passportsuite.passport.code.VerificationCodes;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.session.AccessTokenAuthentication;
import io.passportsuite.passport.session.Sessions;
import io.passportsuite.passport.web.ClientInfo;
import io.passportsuite.passport.web.JsonBody;
import io.passportsuite.passport.web.ProblemResponses;
import io.passportsuite.passport.web.Timestamps;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

/**
 * The canonical API ({@code /auth/v1/*}), called by an app's backend with its API key. The key
 * decides the app: a key of app A never reads, registers or updates users of app B.
 */
@RestController
@RequestMapping("/auth/v1")
class CanonicalAccountsController {

    private final ApiKeyAuthenticator apiKeys;
    private final UserRepository users;
    private final AccountRegistration registration;
    private final PasswordLogin login;
    private final ProfileUpdate profiles;
    private final AccessTokenAuthentication tokens;
    private final Sessions sessions;
    private final VerificationCodes codes;
    private final CodeLogin codeLogin;
    private final PasswordChange passwordChange;

    CanonicalAccountsController(VerificationCodes codes, CodeLogin codeLogin, PasswordChange passwordChange, ApiKeyAuthenticator apiKeys, UserRepository users, AccountRegistration registration,
            PasswordLogin login, ProfileUpdate profiles, AccessTokenAuthentication tokens, Sessions sessions) {
        this.apiKeys = apiKeys;
        this.users = users;
        this.registration = registration;
        this.login = login;
        this.profiles = profiles;
        this.tokens = tokens;
        this.sessions = sessions;
        this.codes = codes;
        this.codeLogin = codeLogin;
        this.passwordChange = passwordChange;
    }

    @PostMapping("/register")
    ResponseEntity<Object> register(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode json, HttpServletRequest request) {
        App app = appOf(authorization);
        JsonBody body = JsonBody.of(json);
        requireSameApp(app, body);
        String nickname = body.requiredText("nickname");
        String password = body.requiredText("password");
        Contact contact = Contact.of(body);
        String captcha = body.text("captcha");
        if (captcha == null && app.registerCaptchaRequired()) {
            throw Problem.invalid("this app requires captcha: request one with scene captcha_register").raise();
        }
        NewAccount account = new NewAccount(null, password, nickname, contact.email(), contact.phone(), null,
                captcha != null && contact.email() != null, captcha != null && contact.phone() != null, "canonical");
        // A captcha, when given, must be the code sent for registration to this contact.
        return switch (registration.register(app, account, () -> captcha == null || codes.consume(app.appId(), contact.normalized(),
                CodePurpose.REGISTER, captcha)
                ? Optional.empty()
                : Optional.of(new Problem(Problem.Kind.INVALID_CODE, "captcha is wrong, expired or used")))) {
            case Outcome.Success<User> created -> ResponseEntity.status(HttpStatus.CREATED).body(UserView.of(created.value()));
            case Outcome.Failure<User> failure -> ProblemResponses.of(request.getRequestURI(), failure.problem());
        };
    }

    @PostMapping("/login")
    ResponseEntity<Object> login(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode json, HttpServletRequest request) {
        App app = appOf(authorization);
        JsonBody body = JsonBody.of(json);
        requireSameApp(app, body);
        Contact contact = Contact.of(body);
        String password = body.text("password");
        String captcha = body.text("captcha");
        if (password == null && captcha == null) {
            throw Problem.invalid("password (or captcha, for a login code) is required").raise();
        }
        LoginIdentifier identifier = contact.email() != null ? new LoginIdentifier.Email(contact.email())
                : new LoginIdentifier.Phone(contact.phone());
        Outcome<PasswordLogin.LoggedIn> outcome = password != null
                ? login.login(app, identifier, password, ClientInfo.of(request))
                : codeLogin.login(app, contact.email() == null ? null : contact.normalized(),
                        contact.phone() == null ? null : contact.normalized(), captcha, false, ClientInfo.of(request));
        return switch (outcome) {
            case Outcome.Success<PasswordLogin.LoggedIn> ok -> {
                Instant expiresAt = ok.value().tokens().accessToken().expiresAt();
                long expiresIn = Math.max(0, Duration.between(ok.value().tokens().accessToken().issuedAt(), expiresAt).toSeconds());
                yield ResponseEntity.ok(new LoginView(ok.value().tokens().accessToken().token(), expiresIn, "Bearer"));
            }
            case Outcome.Failure<PasswordLogin.LoggedIn> failure -> ProblemResponses.of(request.getRequestURI(), failure.problem());
        };
    }

    /** Sends a code for a scene; answers {@code {}} as documented, whether or not an account has the contact. */
    @PostMapping("/captcha")
    ResponseEntity<Object> captcha(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode json, HttpServletRequest request) {
        App app = appOf(authorization);
        JsonBody body = JsonBody.of(json);
        // The reference's captcha has no app_id; one sent anyway must still be the key's app.
        if (body.text("app_id") != null) {
            requireSameApp(app, body);
        }
        Contact contact = Contact.of(body);
        CodePurpose purpose = switch (body.requiredText("scene")) {
            case "captcha_register" -> CodePurpose.REGISTER;
            case "captcha_login" -> CodePurpose.LOGIN;
            case "captcha_reset_password" -> CodePurpose.RESET_PASSWORD;
            default -> throw Problem.invalid("scene must be captcha_register, captcha_login or captcha_reset_password").raise();
        };
        String channel = contact.email() != null ? NotificationRequested.EMAIL : NotificationRequested.SMS;
        String destination = contact.normalized();
        // A reset code for a contact no account has is not sent, but answered and throttled as one that is.
        boolean noAccountToReset = purpose == CodePurpose.RESET_PASSWORD && (contact.email() != null
                ? users.findByEmail(app.appId(), destination) : users.findByPhone(app.appId(), destination)).isEmpty();
        Outcome<IssuedCode> outcome = noAccountToReset
                ? codes.withhold(app, channel, destination, purpose, "zh-CN", ClientInfo.of(request).ip())
                : codes.issue(app, channel, destination, purpose, "zh-CN", ClientInfo.of(request).ip());
        return switch (outcome) {
            case Outcome.Success<IssuedCode> ok -> ResponseEntity.ok(Map.of());
            case Outcome.Failure<IssuedCode> failure -> ProblemResponses.of(request.getRequestURI(), failure.problem());
        };
    }

    /** Not in the reference, which has the scene but no endpoint: a new password with a reset code. */
    @PostMapping("/password/reset")
    ResponseEntity<Object> resetPassword(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode json, HttpServletRequest request) {
        App app = appOf(authorization);
        JsonBody body = JsonBody.of(json);
        requireSameApp(app, body);
        Contact contact = Contact.of(body);
        String captcha = body.requiredText("captcha");
        String newPassword = body.requiredText("new_password");
        Optional<String> weak = app.passwordPolicy().violation(newPassword);
        if (weak.isPresent()) {
            throw Problem.invalid(weak.get()).raise();
        }
        Optional<User> user = contact.email() != null ? users.findByEmail(app.appId(), contact.normalized())
                : users.findByPhone(app.appId(), contact.normalized());
        if (user.isEmpty() || !codes.consume(app.appId(), contact.normalized(), CodePurpose.RESET_PASSWORD, captcha)) {
            throw new Problem(Problem.Kind.INVALID_CODE, "captcha is wrong, expired or used").raise();
        }
        ProvingContact.Contact proven = contact.email() != null ? ProvingContact.Contact.EMAIL : ProvingContact.Contact.PHONE;
        return switch (passwordChange.reset(app, user.get(), proven, newPassword)) {
            case Outcome.Success<UUID> ok -> ResponseEntity.ok(Map.of());
            case Outcome.Failure<UUID> failure -> ProblemResponses.of(request.getRequestURI(), failure.problem());
        };
    }

    @GetMapping("/users/{userId}")
    ResponseEntity<Object> user(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String userId) {
        App app = appOf(authorization);
        return ResponseEntity.ok(UserView.of(userOfApp(app, userId)));
    }

    @PutMapping("/users/{userId}")
    ResponseEntity<Object> update(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String userId, @RequestBody JsonNode json, HttpServletRequest request) {
        App app = appOf(authorization);
        JsonBody body = JsonBody.of(json);
        User user = userOfApp(app, userId);
        String bodyUserId = body.text("userId");
        if (bodyUserId != null && !bodyUserId.equals(userId)) {
            throw Problem.invalid("userId in the body must match the path").raise();
        }
        ProfileChanges changes = new ProfileChanges(body.change("nickname", false), body.change("avatar", true),
                body.change("signature", true));
        return switch (profiles.update(app.appId(), user.id(), changes)) {
            case Outcome.Success<User> updated -> ResponseEntity.ok(UserView.of(updated.value()));
            case Outcome.Failure<User> failure -> ProblemResponses.of(request.getRequestURI(), failure.problem());
        };
    }

    /**
     * For an app's backend: tokens of its key's app only, whoever routed the request. The suite's
     * own services check tokens of any app on the internal API, which is never routed.
     */
    @PostMapping("/token/validate")
    ResponseEntity<Object> validate(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode json, HttpServletRequest request) {
        App app = appOf(authorization);
        String token = JsonBody.of(json).requiredText("token");
        return switch (tokens.authenticate(token, app.appId())) {
            case Outcome.Success<AccessTokenAuthentication.Authenticated> ok -> ResponseEntity.ok(new ValidationView(
                    ok.value().userId().toString(), ok.value().role() == User.ROLE_ADMIN ? "admin" : "user", ok.value().appId(),
                    Timestamps.seconds(ok.value().expiresAt())));
            case Outcome.Failure<AccessTokenAuthentication.Authenticated> failure ->
                    ProblemResponses.of(request.getRequestURI(), failure.problem());
        };
    }

    @PostMapping("/logout")
    ResponseEntity<Object> logout(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode json, HttpServletRequest request) {
        App app = appOf(authorization);
        String token = JsonBody.of(json).requiredText("token");
        return switch (tokens.authenticate(token, app.appId())) {
            case Outcome.Success<AccessTokenAuthentication.Authenticated> ok -> {
                sessions.revoke(ok.value().sessionId(), SessionRevoked.LOGOUT);
                yield ResponseEntity.ok(Map.of());
            }
            case Outcome.Failure<AccessTokenAuthentication.Authenticated> failure ->
                    ProblemResponses.of(request.getRequestURI(), failure.problem());
        };
    }

    private App appOf(String authorization) {
        return apiKeys.appOf(authorization)
                .orElseThrow(() -> new Problem(Problem.Kind.INVALID_API_KEY, "send a valid API key as Authorization: Bearer <api_key>").raise());
    }

    private static void requireSameApp(App app, JsonBody body) {
        String appId = body.requiredText("app_id");
        if (!appId.equals(app.appId())) {
            throw new Problem(Problem.Kind.TENANT_MISMATCH, "the API key does not belong to app_id " + abbreviate(appId)).raise();
        }
    }

    private User userOfApp(App app, String userId) {
        UUID id;
        try {
            id = UUID.fromString(userId);
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("userId must be a UUID").raise();
        }
        // Another app's user answers exactly as an unknown id: a key never learns which ids exist elsewhere.
        return users.findInApp(app.appId(), id)
                .orElseThrow(() -> new Problem(Problem.Kind.USER_NOT_FOUND, "no such user").raise());
    }

    private static String abbreviate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }

    record Contact(String email, String phone) {

        static Contact of(JsonBody body) {
            String type = body.requiredText("contact_type");
            String contact = body.requiredText("contact");
            return switch (type) {
                case "email" -> new Contact(contact, null);
                case "phone" -> new Contact(null, contact);
                default -> throw Problem.invalid("contact_type must be phone or email").raise();
            };
        }

        /** The contact in normal form, as codes are bound to it. */
        String normalized() {
            return (email != null ? Contacts.email(email) : Contacts.phone(phone))
                    .orElseThrow(() -> Problem.invalid(email != null ? "contact is not a valid email address"
                            : "contact must be an international phone number such as +8613800138000").raise());
        }
    }

    record UserView(
            String userId,
            String nickname,
            String email,
            String phone,
            String avatar,
            String signature,
            @JsonProperty("app_id") String appId,
            @JsonProperty("is_active") boolean active,
            @JsonProperty("is_registered") boolean registered,
            @JsonProperty("created_at") String createdAt) {

        static UserView of(User user) {
            return new UserView(user.id().toString(), user.nickname(), user.email(), user.phone(), user.avatarUrl(), user.signature(),
                    user.appId(), user.active(), true, Timestamps.seconds(user.createdAt()));
        }
    }

    record LoginView(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("token_type") String tokenType) {
    }

    record ValidationView(String userId, String role, @JsonProperty("app_id") String appId,
            @JsonProperty("expires_at") String expiresAt) {
    }
}
