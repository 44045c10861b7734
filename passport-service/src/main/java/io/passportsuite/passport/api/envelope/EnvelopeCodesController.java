package io.passportsuite.passport.api.envelope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.events.notification.NotificationRequested;
import io.passportsuite.common.identity.Contacts;
import io.passportsuite.passport.account.PasswordChange;
import io.passportsuite.passport.account.ProvingContact;
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
import io.passportsuite.passport.web.ClientInfo;
import io.passportsuite.passport.web.JsonBody;
import io.passportsuite.passport.web.ProblemResponses;
import io.passportsuite.passport.web.Timestamps;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

/**
 * The envelope surface's code flows: email verification, forgotten and changed passwords, and the
 * development-only debug endpoint. Codes appear in answers only in test mode (no delivery
 * channel, never in production), as {@code 206 TEST_MODE_ONLY}, the way the reference shows it.
 * Answers do not tell whether an address belongs to an account.
 */
@RestController
@RequestMapping("/auth")
class EnvelopeCodesController {

    static final String SENT = "验证码已发送,请查收";
    static final String RESENT = "验证码已重新发送,请查收";
    static final String TEST_MODE = "⚠️ 测试模式:验证码已生成但未真实发送。请在控制台查看验证码,或配置邮件服务以启用真实发送。";

    private final DefaultApp defaultApp;
    private final VerificationCodes codes;
    private final UserRepository users;
    private final PasswordChange passwords;
    private final AccessTokenAuthentication tokens;
    private final ProvingContact proving;

    EnvelopeCodesController(DefaultApp defaultApp, VerificationCodes codes, UserRepository users, PasswordChange passwords,
            AccessTokenAuthentication tokens, ProvingContact proving) {
        this.proving = proving;
        this.defaultApp = defaultApp;
        this.codes = codes;
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
    }

    @PostMapping("/send-email-verification")
    ResponseEntity<Object> sendEmailVerification(@RequestBody JsonNode json, HttpServletRequest request) {
        return sendVerification(json, request, SENT);
    }

    @PostMapping("/resend-email-verification")
    ResponseEntity<Object> resendEmailVerification(@RequestBody JsonNode json, HttpServletRequest request) {
        return sendVerification(json, request, RESENT);
    }

    @PostMapping("/verify-email")
    ResponseEntity<Object> verifyEmail(@RequestBody JsonNode json, HttpServletRequest request) {
        JsonBody body = JsonBody.of(json);
        String email = email(body);
        String code = body.requiredText("verification_code");
        App app = defaultApp.get();
        if (!codes.consume(app.appId(), email, CodePurpose.VERIFY_EMAIL, code)) {
            return ProblemResponses.of(request.getRequestURI(), new Problem(Problem.Kind.INVALID_CODE, "验证码错误或已过期"));
        }
        users.findByEmail(app.appId(), email).ifPresent(user -> proving.proven(user, ProvingContact.Contact.EMAIL));
        return ResponseEntity.ok(Envelope.ok("邮箱验证成功"));
    }

    @PostMapping("/forgot-password")
    ResponseEntity<Object> forgotPassword(@RequestBody JsonNode json, HttpServletRequest request) {
        String identifier = JsonBody.of(json).requiredText("identifier").strip();
        App app = defaultApp.get();
        Optional<Contact> contact = contactOf(identifier);
        if (contact.isEmpty()) {
            return ProblemResponses.of(request.getRequestURI(), Problem.invalid("identifier must be an email address or a phone number"));
        }
        Optional<User> user = contact.get().email()
                ? users.findByEmail(app.appId(), contact.get().value())
                : users.findByPhone(app.appId(), contact.get().value());
        // Without an account nothing is sent, but the answer, the work done and the throttling are
        // those of a send, so neither the answer nor a second request's 429 tells who is registered.
        Outcome<IssuedCode> outcome = user.isPresent()
                ? codes.issue(app, contact.get().channel(), contact.get().value(), CodePurpose.RESET_PASSWORD,
                        locale(request), ClientInfo.of(request).ip())
                : codes.withhold(app, contact.get().channel(), contact.get().value(), CodePurpose.RESET_PASSWORD,
                        locale(request), ClientInfo.of(request).ip());
        return sent(request, outcome, SENT);
    }

    @PostMapping("/reset-password")
    ResponseEntity<Object> resetPassword(@RequestBody JsonNode json, HttpServletRequest request) {
        JsonBody body = JsonBody.of(json);
        String identifier = body.requiredText("identifier").strip();
        String code = body.requiredText("verification_code");
        String newPassword = body.requiredText("new_password");
        App app = defaultApp.get();
        Optional<String> weak = app.passwordPolicy().violation(newPassword);
        if (weak.isPresent()) {
            return ProblemResponses.of(request.getRequestURI(), Problem.invalid(weak.get()));
        }
        Optional<Contact> contact = contactOf(identifier);
        Optional<User> user = contact.flatMap(c -> c.email() ? users.findByEmail(app.appId(), c.value()) : users.findByPhone(app.appId(), c.value()));
        if (user.isEmpty() || !codes.consume(app.appId(), contact.get().value(), CodePurpose.RESET_PASSWORD, code)) {
            return ProblemResponses.of(request.getRequestURI(), new Problem(Problem.Kind.INVALID_CODE, "验证码错误或已过期"));
        }
        ProvingContact.Contact proven = contact.get().email() ? ProvingContact.Contact.EMAIL : ProvingContact.Contact.PHONE;
        return switch (passwords.reset(app, user.get(), proven, newPassword)) {
            case Outcome.Success<UUID> ok -> ResponseEntity.ok(Envelope.ok("密码重置成功"));
            case Outcome.Failure<UUID> failure -> ProblemResponses.of(request.getRequestURI(), failure.problem());
        };
    }

    /** The user comes from the access token; a {@code user_id} in the body is ignored. */
    @PutMapping("/change-password")
    ResponseEntity<Object> changePassword(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode json, HttpServletRequest request) {
        App app = defaultApp.get();
        AccessTokenAuthentication.Authenticated caller = switch (tokens.fromHeader(authorization, app.appId())) {
            case Outcome.Success<AccessTokenAuthentication.Authenticated> ok -> ok.value();
            case Outcome.Failure<AccessTokenAuthentication.Authenticated> failure -> throw failure.problem().raise();
        };
        JsonBody body = JsonBody.of(json);
        String oldPassword = body.requiredText("old_password");
        String newPassword = body.requiredText("new_password");
        return switch (passwords.change(app, caller.userId(), caller.sessionId(), oldPassword, newPassword)) {
            case Outcome.Success<UUID> ok -> ResponseEntity.ok(Envelope.ok("密码修改成功"));
            case Outcome.Failure<UUID> failure -> ProblemResponses.of(request.getRequestURI(),
                    failure.problem().kind() == Problem.Kind.BAD_CREDENTIALS
                            ? new Problem(Problem.Kind.INVALID_INPUT, "原密码错误")
                            : failure.problem());
        };
    }

    /**
     * Development only: exists solely in test mode; 404 everywhere else. The reference's fields
     * carry the envelope's email-verification code; {@code other_live_codes} lists the live codes
     * of every other flow sent to the same address (chat email login, canonical captchas, password
     * resets), with their app and purpose, so a developer finds any code in one place.
     */
    @PostMapping("/debug-verification-code")
    ResponseEntity<Object> debugVerificationCode(@RequestBody JsonNode json, HttpServletRequest request) {
        if (!codes.testMode()) {
            return ProblemResponses.of(request.getRequestURI(), new Problem(Problem.Kind.NOT_FOUND, "no such endpoint"));
        }
        String email = email(JsonBody.of(json));
        String appId = defaultApp.id();
        List<VerificationCodes.DebugCode> live = codes.liveCodes(email);
        if (live.isEmpty()) {
            return ProblemResponses.of(request.getRequestURI(), new Problem(Problem.Kind.NOT_FOUND, "该邮箱没有有效的验证码"));
        }
        Optional<VerificationCodes.DebugCode> verification = live.stream()
                .filter(code -> code.appId().equals(appId) && code.purpose() == CodePurpose.VERIFY_EMAIL)
                .findFirst();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("email", email);
        data.put("verification_code", verification.map(VerificationCodes.DebugCode::code).orElse(null));
        data.put("expires_at", verification.map(code -> Timestamps.millis(code.expiresAt())).orElse(null));
        data.put("created_at", verification.map(code -> Timestamps.millis(code.createdAt())).orElse(null));
        data.put("other_live_codes", live.stream()
                .filter(code -> verification.isEmpty() || code != verification.get())
                .map(code -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("app_id", code.appId());
                    entry.put("purpose", code.purpose().stored());
                    entry.put("verification_code", code.code());
                    entry.put("expires_at", Timestamps.millis(code.expiresAt()));
                    entry.put("created_at", Timestamps.millis(code.createdAt()));
                    return entry;
                })
                .toList());
        return ResponseEntity.ok(Envelope.ok(data, "调试信息获取成功"));
    }

    private ResponseEntity<Object> sendVerification(JsonNode json, HttpServletRequest request, String message) {
        String email = email(JsonBody.of(json));
        return sent(request, codes.issue(defaultApp.get(), NotificationRequested.EMAIL, email, CodePurpose.VERIFY_EMAIL,
                locale(request), ClientInfo.of(request).ip()), message);
    }

    private static ResponseEntity<Object> sent(HttpServletRequest request, Outcome<IssuedCode> outcome, String message) {
        return switch (outcome) {
            case Outcome.Success<IssuedCode> ok when ok.value().testMode() -> ResponseEntity.status(HttpStatus.PARTIAL_CONTENT).body(
                    Envelope.failure(ErrorCode.TEST_MODE_ONLY,
                            Map.of("verification_code", ok.value().revealed(), "is_test_mode", true), TEST_MODE));
            case Outcome.Success<IssuedCode> ok -> ResponseEntity.ok(Envelope.ok(Map.of("is_test_mode", false), message));
            case Outcome.Failure<IssuedCode> failure -> ProblemResponses.of(request.getRequestURI(), failure.problem());
        };
    }

    private static String email(JsonBody body) {
        String raw = body.requiredText("email");
        return Contacts.email(raw).orElseThrow(() -> Problem.invalid("email is not a valid address").raise());
    }

    private static Optional<Contact> contactOf(String identifier) {
        if (Contacts.looksLikeEmail(identifier)) {
            return Contacts.email(identifier).map(e -> new Contact(true, e));
        }
        return Contacts.phone(identifier).map(p -> new Contact(false, p));
    }

    /** The envelope surface speaks Chinese unless the client asks for English. */
    static String locale(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        return accept != null && accept.toLowerCase().startsWith("en") ? "en" : "zh-CN";
    }

    private record Contact(boolean email, String value) {

        String channel() {
            return email ? NotificationRequested.EMAIL : NotificationRequested.SMS;
        }
    }
}
