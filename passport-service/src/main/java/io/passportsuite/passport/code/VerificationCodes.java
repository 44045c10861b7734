package io.passportsuite.passport.code;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

import io.passportsuite.common.eventing.OutboxWriter;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.notification.NotificationRequested;
import io.passportsuite.passport.app.App;
import io.passportsuite.passport.code.VerificationCodeRepository.CloseReason;
import io.passportsuite.passport.code.VerificationCodeRepository.LiveCode;
import io.passportsuite.passport.code.VerificationCodeRepository.NewCode;
import io.passportsuite.passport.crypto.DerivedSecrets;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;

/**
 * Six-digit one-time codes: drawn from a secure random source, kept only as an HMAC, bound to an
 * app, a destination and a purpose, valid for minutes, used once, dead after a few wrong tries.
 * A new code closes the previous one. Sending is throttled per destination and per client
 * address, and the message request is written to the outbox in the code's own transaction, so
 * a code that exists is a code that will be delivered.
 */
@Service
public class VerificationCodes {

    private static final Pattern SIX_DIGITS = Pattern.compile("^\\d{6}$");
    private static final SecureRandom random = new SecureRandom();

    private final VerificationCodeRepository codes;
    private final TransactionTemplate transaction;
    private final OutboxWriter outbox;
    private final CodeSettings settings;
    private final SecretKeySpec hmacKey;
    private final Clock clock;
    private final boolean testMode;
    private final MeterRegistry meters;

    VerificationCodes(VerificationCodeRepository codes, TransactionTemplate transaction, OutboxWriter outbox, CodeSettings settings,
            DerivedSecrets secrets, Clock clock, @Value("${passport.environment}") String environment, MeterRegistry meters) {
        if (settings.testMode() && "production".equalsIgnoreCase(environment)) {
            throw new IllegalStateException("passport.codes.test-mode shows codes in responses and must not be on in production");
        }
        this.codes = codes;
        this.transaction = transaction;
        this.outbox = outbox;
        this.settings = settings;
        this.hmacKey = secrets.keyFor("verification-code");
        this.clock = clock;
        this.testMode = settings.testMode();
        this.meters = meters;
    }

    public boolean testMode() {
        return testMode;
    }

    /**
     * Issues a code for {@code destination} (already normalised) unless throttled. {@code channel}
     * is {@link NotificationRequested#EMAIL} or {@link NotificationRequested#SMS}.
     */
    public Outcome<IssuedCode> issue(App app, String channel, String destination,
            CodePurpose purpose, String locale, String clientIp) {
        return issue(app, channel, destination, purpose, locale, clientIp, true);
    }

    /**
     * Everything {@link #issue} does but deliver: for a destination no account has, where a flow
     * must answer exactly as for an account without sending anything. The send is recorded (a
     * closed code nothing can use) so the cooldown and the hourly caps throttle it the same way,
     * the outcome is the same, a code shown in test mode included, and so is the work (the message
     * request is written and rolled back), so the answer's timing is the same too.
     */
    public Outcome<IssuedCode> withhold(App app, String channel, String destination,
            CodePurpose purpose, String locale, String clientIp) {
        return issue(app, channel, destination, purpose, locale, clientIp, false);
    }

    private Outcome<IssuedCode> issue(App app, String channel, String destination,
            CodePurpose purpose, String locale, String clientIp, boolean deliver) {
        Instant now = clock.instant();
        Issuing result = transaction.execute(status -> {
            // One issuer at a time per destination and purpose, so the cooldown cannot be raced.
            codes.lockIssuing(app.appId(), destination, purpose);
            Optional<CodeRejected> throttled = throttle(app.appId(), destination, purpose, clientIp, now);
            if (throttled.isPresent()) {
                return throttled.get();
            }
            String code = "%06d".formatted(random.nextInt(1_000_000));
            UUID id = UUID.randomUUID();
            Instant expiresAt = now.plus(settings.lifetime());
            codes.supersede(app.appId(), destination, purpose, now);
            codes.insert(new NewCode(id, app.appId(), destination, purpose, hmacOf(id, code), clientIp, now, expiresAt,
                    testMode && deliver ? code : null, !deliver));
            // A withheld send writes the same message request and takes it back at once (a savepoint):
            // the answer costs the same work either way, so its time tells nobody who has an account.
            // Both kinds take the savepoint, so that its cost tells nothing either.
            Object request = status.createSavepoint();
            outbox.append(Topics.NOTIFICATION_REQUESTS, NotificationRequested.TYPE, NotificationRequested.VERSION, app.appId(), destination,
                    new NotificationRequested(channel, destination, purpose.template(), locale,
                            Map.of("code", code, "expiresInMinutes", String.valueOf(settings.lifetime().toMinutes())), app.name()));
            if (deliver) {
                status.releaseSavepoint(request);
            } else {
                status.rollbackToSavepoint(request);
            }
            return new IssuedCode(destination, expiresAt, testMode ? code : null);
        });
        return switch (result) {
            case IssuedCode issued -> Outcome.success(issued);
            case CodeRejected rejected -> Outcome.failure(Problem.throttled(rejected.retryAfter()));
        };
    }

    /** Uses the live code of {@code destination} for {@code purpose}; true only for the right, unexpired, unused code. */
    public boolean consume(String appId, String destination, CodePurpose purpose, String code) {
        Instant now = clock.instant();
        Boolean ok = transaction.execute(status -> {
            Optional<LiveCode> live = codes.findLive(appId, destination, purpose);
            if (live.isEmpty()) {
                return false;
            }
            LiveCode current = live.get();
            if (!current.expiresAt().isAfter(now)) {
                codes.close(current.id(), CloseReason.EXPIRED, now);
                return false;
            }
            boolean matches = code != null && SIX_DIGITS.matcher(code).matches()
                    && MessageDigest.isEqual(current.hmac().getBytes(), hmacOf(current.id(), code).getBytes());
            if (matches) {
                codes.close(current.id(), CloseReason.USED, now);
                return true;
            }
            int attempts = current.attempts() + 1;
            codes.recordAttempts(current.id(), attempts);
            if (attempts >= settings.maxAttempts()) {
                codes.close(current.id(), CloseReason.TOO_MANY_ATTEMPTS, now);
            }
            return false;
        });
        return Boolean.TRUE.equals(ok);
    }

    /**
     * Erases every code sent to {@code destination} in the app (null: none), inside the caller's
     * transaction: the account that has this address is being deleted, and the rows hold the address.
     * The cooldown and caps of that address start afresh; only an operator or the app's backend
     * deletes an account, so nobody throttled can use that to send more.
     */
    public void eraseSentTo(String appId, String destination) {
        if (destination != null) {
            codes.deleteSentTo(appId, destination);
        }
    }

    /**
     * Test mode only, for the development debug endpoint: every live (unused, unexpired) code sent
     * to a destination, whatever its app and purpose, newest first.
     */
    public List<DebugCode> liveCodes(String destination) {
        if (!testMode) {
            return List.of();
        }
        return codes.liveDebugCodes(destination, clock.instant());
    }

    private Optional<CodeRejected> throttle(String appId, String destination, CodePurpose purpose, String clientIp, Instant now) {
        Optional<Instant> last = codes.lastSentAt(appId, destination, purpose);
        if (last.isPresent() && last.get().plus(settings.resendCooldown()).isAfter(now)) {
            return refused("code-resend-cooldown", Duration.between(now, last.get().plus(settings.resendCooldown())));
        }
        Instant hourAgo = now.minus(Duration.ofHours(1));
        Optional<Instant> oldestToDestination = oldestWhenCapped(
                codes.sendsToDestinationSince(appId, destination, hourAgo), settings.maxPerDestinationPerHour());
        if (oldestToDestination.isPresent()) {
            return refused("code-per-destination", Duration.between(now, oldestToDestination.get().plus(Duration.ofHours(1))));
        }
        if (clientIp != null) {
            Optional<Instant> oldestFromIp = oldestWhenCapped(
                    codes.sendsFromAddressSince(appId, clientIp, hourAgo), settings.maxPerIpPerHour());
            if (oldestFromIp.isPresent()) {
                return refused("code-per-ip", Duration.between(now, oldestFromIp.get().plus(Duration.ofHours(1))));
            }
        }
        return Optional.empty();
    }

    /** Counted under the meter the gateway's limits use, so one query shows every refusal of the suite. */
    private Optional<CodeRejected> refused(String rule, Duration retryAfter) {
        meters.counter("passport.rate.limit.refusals", "rule", rule).increment();
        return Optional.of(new CodeRejected(retryAfter));
    }

    /** When the cap is reached: the oldest send of the last hour, whose expiry frees a slot. */
    private static Optional<Instant> oldestWhenCapped(List<Instant> sendsOldestFirst, int cap) {
        return sendsOldestFirst.size() >= cap ? Optional.of(sendsOldestFirst.getFirst()) : Optional.empty();
    }

    private String hmacOf(UUID id, String code) {
        return HexFormat.of().formatHex(DerivedSecrets.hmac(hmacKey, id + ":" + code));
    }

    public record DebugCode(String appId, CodePurpose purpose, String code, Instant createdAt, Instant expiresAt) {
    }
}
