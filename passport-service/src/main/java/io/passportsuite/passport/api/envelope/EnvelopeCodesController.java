package io.passportsuite.passport.api.envelope;

import java.util.Map;
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
import io.passportsuite.passport.account.Contact;
import io.passportsuite.passport.account.ContactVerification;
import io.passportsuite.passport.account.PasswordChange;
import io.passportsuite.passport.account.PasswordReset;
import io.passportsuite.passport.app.App;
import io.passportsuite.passport.app.DefaultApp;
import io.passportsuite.passport.code.CodePurpose;
import io.passportsuite.passport.code.IssuedCode;
import io.passportsuite.passport.code.VerificationCodes;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.session.AccessTokenAuthentication;
import io.passportsuite.passport.web.ClientInfos;
import io.passportsuite.passport.web.JsonBody;
import io.passportsuite.passport.web.Locales;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

/**
 * The envelope surface's code flows: email verification, forgotten and changed passwords. Codes appear in answers only in test mode (no delivery
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
    private final ContactVerification verification;
    private final PasswordReset resets;
    private final PasswordChange passwords;
    private final AccessTokenAuthentication tokens;
    private final EnvelopeProblems problems;

    EnvelopeCodesController(DefaultApp defaultApp, VerificationCodes codes, ContactVerification verification, PasswordReset resets,
            PasswordChange passwords, AccessTokenAuthentication tokens, EnvelopeProblems problems) {
        this.defaultApp = defaultApp;
        this.codes = codes;
        this.verification = verification;
        this.resets = resets;
        this.passwords = passwords;
        this.tokens = tokens;
        this.problems = problems;
    }

    @PostMapping("/send-email-verification")
    @FailsAs(ErrorCode.SEND_CODE_FAILED)
    ResponseEntity<Object> sendEmailVerification(@RequestBody JsonNode json, HttpServletRequest request) {
        return sendVerification(json, request, SENT);
    }

    @PostMapping("/resend-email-verification")
    @FailsAs(ErrorCode.SEND_CODE_FAILED)
    ResponseEntity<Object> resendEmailVerification(@RequestBody JsonNode json, HttpServletRequest request) {
        return sendVerification(json, request, RESENT);
    }

    @PostMapping("/verify-email")
    ResponseEntity<Object> verifyEmail(@RequestBody JsonNode json) {
        JsonBody body = JsonBody.of(json);
        Contact email = Contact.email(body.requiredText("email"), "email").orRaise();
        return switch (verification.verify(defaultApp.get(), email, body.requiredText("verification_code"))) {
            case Outcome.Success<Contact> ok -> ResponseEntity.ok(Envelope.ok("邮箱验证成功"));
            case Outcome.Failure<Contact> failure -> problems.failure(failure.problem());
        };
    }

    @PostMapping("/forgot-password")
    @FailsAs(ErrorCode.SEND_CODE_FAILED)
    ResponseEntity<Object> forgotPassword(@RequestBody JsonNode json, HttpServletRequest request) {
        String identifier = JsonBody.of(json).requiredText("identifier");
        App app = defaultApp.get();
        Contact contact = contactOf(identifier);
        return sent(resets.sendCode(app, contact, Locales.preferred(request, Locales.CHINESE), ClientInfos.of(request).ip()), SENT);
    }

    @PostMapping("/reset-password")
    @FailsAs(ErrorCode.RESET_PASSWORD_FAILED)
    ResponseEntity<Object> resetPassword(@RequestBody JsonNode json) {
        JsonBody body = JsonBody.of(json);
        String identifier = body.requiredText("identifier");
        String code = body.requiredText("verification_code");
        String newPassword = body.requiredText("new_password");
        // An identifier that names no email or phone has no reset code: answered as a wrong one.
        Outcome<Contact> contact = Contact.parse(identifier).map(Outcome::success).orElseGet(() -> Outcome.failure(Reason.CODE_INVALID));
        return switch (resets.reset(defaultApp.get(), contact, code, newPassword)) {
            case Outcome.Success<UUID> ok -> ResponseEntity.ok(Envelope.ok("密码重置成功"));
            case Outcome.Failure<UUID> failure -> problems.failure(failure.problem());
        };
    }

    /** The user comes from the access token; a {@code user_id} in the body is ignored. */
    @PutMapping("/change-password")
    @FailsAs(ErrorCode.CHANGE_PASSWORD_FAILED)
    ResponseEntity<Object> changePassword(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode json) {
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
            // The reference answers a wrong old password as a bad request, not as a failed login.
            case Outcome.Failure<UUID> failure -> problems.failure(failure.problem().reason() == Reason.OLD_PASSWORD_WRONG
                    ? failure.problem().as(Problem.Kind.INVALID_INPUT)
                    : failure.problem());
        };
    }

    private ResponseEntity<Object> sendVerification(JsonNode json, HttpServletRequest request, String message) {
        Contact email = Contact.email(JsonBody.of(json).requiredText("email"), "email").orRaise();
        return sent(codes.issue(defaultApp.get(), email.channel(), email.value(), CodePurpose.VERIFY_EMAIL,
                Locales.preferred(request, Locales.CHINESE), ClientInfos.of(request).ip()), message);
    }

    private ResponseEntity<Object> sent(Outcome<IssuedCode> outcome, String message) {
        return switch (outcome) {
            case Outcome.Success<IssuedCode> ok when ok.value().testMode() -> ResponseEntity.status(HttpStatus.PARTIAL_CONTENT).body(
                    Envelope.failure(ErrorCode.TEST_MODE_ONLY,
                            Map.of("verification_code", ok.value().revealed(), "is_test_mode", true), TEST_MODE));
            case Outcome.Success<IssuedCode> ok -> ResponseEntity.ok(Envelope.ok(Map.of("is_test_mode", false), message));
            case Outcome.Failure<IssuedCode> failure -> problems.failure(failure.problem());
        };
    }

    private static Contact contactOf(String identifier) {
        return Contact.parse(identifier).orElseThrow(() -> Problem.of(Reason.IDENTIFIER_NOT_CONTACT).raise());
    }
}
