package io.passportsuite.passport.code;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.common.eventing.OutboxWriter;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.notification.NotificationRequested;
import io.passportsuite.passport.app.App;
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

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final OutboxWriter outbox;
    private final CodeSettings settings;
    private final SecretKeySpec hmacKey;
    private final Clock clock;
    private final boolean testMode;

    VerificationCodes(JdbcClient jdbc, TransactionTemplate transaction, OutboxWriter outbox, CodeSettings settings,
            DerivedSecrets secrets, Clock clock, @Value("${passport.environment}") String environment) {
        if (settings.testMode() && "production".equalsIgnoreCase(environment)) {
            throw new IllegalStateException("passport.codes.test-mode shows codes in responses and must not be on in production");
        }
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.outbox = outbox;
        this.settings = settings;
        this.hmacKey = secrets.keyFor("verification-code");
        this.clock = clock;
        this.testMode = settings.testMode();
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
        Object result = transaction.execute(status -> {
            // One issuer at a time per destination and purpose, so the cooldown cannot be raced.
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:key))")
                    .param("key", app.appId() + "|" + destination.toLowerCase() + "|" + purpose.stored()).query(Object.class).single();
            Optional<CodeRejected> throttled = throttle(app.appId(), destination, purpose, clientIp, now);
            if (throttled.isPresent()) {
                return throttled.get();
            }
            String code = "%06d".formatted(random.nextInt(1_000_000));
            UUID id = UUID.randomUUID();
            Instant expiresAt = now.plus(settings.lifetime());
            jdbc.sql("""
                    UPDATE verification_code SET closed_at = :now, close_reason = 'superseded'
                    WHERE app_id = :appId AND lower(contact) = lower(:contact) AND purpose = :purpose AND closed_at IS NULL
                    """)
                    .param("now", at(now)).param("appId", app.appId()).param("contact", destination).param("purpose", purpose.stored())
                    .update();
            jdbc.sql("""
                    INSERT INTO verification_code (id, app_id, contact, purpose, code_hmac, client_ip, created_at, expires_at,
                        debug_code, closed_at, close_reason)
                    VALUES (:id, :appId, :contact, :purpose, :hmac, :ip, :now, :expiresAt, :debug, :closedAt, :closeReason)
                    """)
                    .param("id", id).param("appId", app.appId()).param("contact", destination).param("purpose", purpose.stored())
                    .param("hmac", hmacOf(id, code)).param("ip", clientIp).param("now", at(now)).param("expiresAt", at(expiresAt))
                    .param("debug", testMode && deliver ? code : null)
                    .param("closedAt", deliver ? null : at(now)).param("closeReason", deliver ? null : "withheld")
                    .update();
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
            default -> throw new IllegalStateException("unexpected " + result);
        };
    }

    /** Uses the live code of {@code destination} for {@code purpose}; true only for the right, unexpired, unused code. */
    public boolean consume(String appId, String destination, CodePurpose purpose, String code) {
        Instant now = clock.instant();
        Boolean ok = transaction.execute(status -> {
            Optional<LiveCode> live = jdbc.sql("""
                    SELECT id, code_hmac, expires_at, attempts FROM verification_code
                    WHERE app_id = :appId AND lower(contact) = lower(:contact) AND purpose = :purpose AND closed_at IS NULL
                    ORDER BY created_at DESC LIMIT 1
                    FOR UPDATE
                    """)
                    .param("appId", appId).param("contact", destination).param("purpose", purpose.stored())
                    .query((rs, n) -> new LiveCode(rs.getObject("id", UUID.class), rs.getString("code_hmac"),
                            rs.getObject("expires_at", OffsetDateTime.class).toInstant(), rs.getInt("attempts")))
                    .optional();
            if (live.isEmpty()) {
                return false;
            }
            LiveCode current = live.get();
            if (!current.expiresAt().isAfter(now)) {
                close(current.id(), "expired", now);
                return false;
            }
            boolean matches = code != null && SIX_DIGITS.matcher(code).matches()
                    && MessageDigest.isEqual(current.hmac().getBytes(), hmacOf(current.id(), code).getBytes());
            if (matches) {
                close(current.id(), "used", now);
                return true;
            }
            int attempts = current.attempts() + 1;
            jdbc.sql("UPDATE verification_code SET attempts = :attempts WHERE id = :id").param("attempts", attempts).param("id", current.id()).update();
            if (attempts >= settings.maxAttempts()) {
                close(current.id(), "too_many_attempts", now);
            }
            return false;
        });
        return Boolean.TRUE.equals(ok);
    }

    /**
     * Test mode only, for the development debug endpoint: every live (unused, unexpired) code sent
     * to a destination, whatever its app and purpose, newest first.
     */
    public List<DebugCode> liveCodes(String destination) {
        if (!testMode) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT app_id, purpose, debug_code, created_at, expires_at FROM verification_code
                WHERE lower(contact) = lower(:contact) AND closed_at IS NULL AND expires_at > :now AND debug_code IS NOT NULL
                ORDER BY created_at DESC
                """)
                .param("contact", destination).param("now", at(clock.instant()))
                .query((rs, n) -> new DebugCode(rs.getString("app_id"), CodePurpose.ofStored(rs.getString("purpose")),
                        rs.getString("debug_code"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    private Optional<CodeRejected> throttle(String appId, String destination, CodePurpose purpose, String clientIp, Instant now) {
        Instant hourAgo = now.minus(Duration.ofHours(1));
        Optional<Instant> last = jdbc.sql("""
                SELECT max(created_at) FROM verification_code
                WHERE app_id = :appId AND lower(contact) = lower(:contact) AND purpose = :purpose
                """)
                .param("appId", appId).param("contact", destination).param("purpose", purpose.stored())
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant))
                .single();
        if (last.isPresent() && last.get().plus(settings.resendCooldown()).isAfter(now)) {
            return Optional.of(new CodeRejected(Duration.between(now, last.get().plus(settings.resendCooldown()))));
        }
        Optional<Instant> oldestToDestination = oldestWithinHour(
                "SELECT created_at FROM verification_code WHERE app_id = :appId AND lower(contact) = lower(:key) AND created_at > :since ORDER BY created_at",
                appId, destination, hourAgo, settings.maxPerDestinationPerHour());
        if (oldestToDestination.isPresent()) {
            return Optional.of(new CodeRejected(Duration.between(now, oldestToDestination.get().plus(Duration.ofHours(1)))));
        }
        if (clientIp != null) {
            Optional<Instant> oldestFromIp = oldestWithinHour(
                    "SELECT created_at FROM verification_code WHERE app_id = :appId AND client_ip = :key AND created_at > :since ORDER BY created_at",
                    appId, clientIp, hourAgo, settings.maxPerIpPerHour());
            if (oldestFromIp.isPresent()) {
                return Optional.of(new CodeRejected(Duration.between(now, oldestFromIp.get().plus(Duration.ofHours(1)))));
            }
        }
        return Optional.empty();
    }

    /** When the cap is reached: the oldest send of the last hour, whose expiry frees a slot. */
    private Optional<Instant> oldestWithinHour(String sql, String appId, String key, Instant since, int cap) {
        var sends = jdbc.sql(sql).param("appId", appId).param("key", key).param("since", at(since))
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list();
        return sends.size() >= cap ? Optional.of(sends.getFirst()) : Optional.empty();
    }

    private void close(UUID id, String reason, Instant now) {
        jdbc.sql("UPDATE verification_code SET closed_at = :now, close_reason = :reason WHERE id = :id")
                .param("now", at(now)).param("reason", reason).param("id", id).update();
    }

    private String hmacOf(UUID id, String code) {
        return HexFormat.of().formatHex(DerivedSecrets.hmac(hmacKey, id + ":" + code));
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private record LiveCode(UUID id, String hmac, Instant expiresAt, int attempts) {
    }

    public record DebugCode(String appId, CodePurpose purpose, String code, Instant createdAt, Instant expiresAt) {
    }
}
