package io.passportsuite.passport.api.envelope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.common.error.Envelope;
import io.passportsuite.passport.account.Contact;
import io.passportsuite.passport.app.DefaultApp;
import io.passportsuite.passport.code.CodePurpose;
import io.passportsuite.passport.code.VerificationCodes;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.web.JsonBody;
import io.passportsuite.passport.web.Timestamps;
import tools.jackson.databind.JsonNode;

/** The envelope reference's development helper: the codes sent to an address, in test mode only. */
@RestController
@RequestMapping("/auth")
class EnvelopeDebugController {

    private final DefaultApp defaultApp;
    private final VerificationCodes codes;
    private final EnvelopeProblems problems;

    EnvelopeDebugController(DefaultApp defaultApp, VerificationCodes codes, EnvelopeProblems problems) {
        this.defaultApp = defaultApp;
        this.codes = codes;
        this.problems = problems;
    }

    /**
     * Development only: exists solely in test mode; 404 everywhere else. The reference's fields
     * carry the envelope's email-verification code; {@code other_live_codes} lists the live codes
     * of every other flow sent to the same address (chat email login, canonical captchas, password
     * resets), with their app and purpose, so a developer finds any code in one place.
     */
    @PostMapping("/debug-verification-code")
    ResponseEntity<Object> debugVerificationCode(@RequestBody JsonNode json) {
        if (!codes.testMode()) {
            return problems.failure(Problem.of(Reason.NO_SUCH_ENDPOINT));
        }
        String email = Contact.email(JsonBody.of(json).requiredText("email"), "email").orRaise().value();
        String appId = defaultApp.id();
        List<VerificationCodes.DebugCode> live = codes.liveCodes(email);
        if (live.isEmpty()) {
            return problems.failure(Problem.of(Reason.NO_LIVE_CODE));
        }
        Optional<VerificationCodes.DebugCode> emailCode = live.stream()
                .filter(code -> code.appId().equals(appId) && code.purpose() == CodePurpose.VERIFY_EMAIL)
                .findFirst();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("email", email);
        data.put("verification_code", emailCode.map(VerificationCodes.DebugCode::code).orElse(null));
        data.put("expires_at", emailCode.map(code -> Timestamps.millis(code.expiresAt())).orElse(null));
        data.put("created_at", emailCode.map(code -> Timestamps.millis(code.createdAt())).orElse(null));
        data.put("other_live_codes", live.stream()
                .filter(code -> emailCode.isEmpty() || code != emailCode.get())
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
}
