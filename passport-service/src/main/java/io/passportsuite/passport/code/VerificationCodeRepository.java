package io.passportsuite.passport.code;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code verification_code} table. Destinations match case-insensitively throughout. */
@Repository
class VerificationCodeRepository {

    private final JdbcClient jdbc;

    VerificationCodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inside a transaction: waits for, then holds until it ends, the right to issue to this destination and purpose. */
    void lockIssuing(String appId, String destination, CodePurpose purpose) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:key))")
                .param("key", appId + "|" + destination.toLowerCase() + "|" + purpose.stored()).query(Object.class).single();
    }

    /** When the last code to this destination for this purpose was sent, whatever became of it. */
    Optional<Instant> lastSentAt(String appId, String destination, CodePurpose purpose) {
        return jdbc.sql("""
                SELECT max(created_at) FROM verification_code
                WHERE app_id = :appId AND lower(contact) = lower(:contact) AND purpose = :purpose
                """)
                .param("appId", appId).param("contact", destination).param("purpose", purpose.stored())
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant))
                .single();
    }

    /** When each code sent to this destination after {@code since} was sent, for any purpose, oldest first. */
    List<Instant> sendsToDestinationSince(String appId, String destination, Instant since) {
        return sendTimes("""
                SELECT created_at FROM verification_code
                WHERE app_id = :appId AND lower(contact) = lower(:key) AND created_at > :since ORDER BY created_at
                """, appId, destination, since);
    }

    /** When each code requested from this client address after {@code since} was sent, oldest first. */
    List<Instant> sendsFromAddressSince(String appId, String clientIp, Instant since) {
        return sendTimes("""
                SELECT created_at FROM verification_code
                WHERE app_id = :appId AND client_ip = :key AND created_at > :since ORDER BY created_at
                """, appId, clientIp, since);
    }

    private List<Instant> sendTimes(String sql, String appId, String key, Instant since) {
        return jdbc.sql(sql).param("appId", appId).param("key", key).param("since", at(since))
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list();
    }

    /** Closes the live codes of this destination and purpose: a new one replaces them. */
    void supersede(String appId, String destination, CodePurpose purpose, Instant now) {
        jdbc.sql("""
                UPDATE verification_code SET closed_at = :now, close_reason = 'superseded'
                WHERE app_id = :appId AND lower(contact) = lower(:contact) AND purpose = :purpose AND closed_at IS NULL
                """)
                .param("now", at(now)).param("appId", appId).param("contact", destination).param("purpose", purpose.stored())
                .update();
    }

    /** Writes a code; a withheld one is closed from the start, so it counts as a send but never matches. */
    void insert(NewCode code) {
        jdbc.sql("""
                INSERT INTO verification_code (id, app_id, contact, purpose, code_hmac, client_ip, created_at, expires_at,
                    debug_code, closed_at, close_reason)
                VALUES (:id, :appId, :contact, :purpose, :hmac, :ip, :now, :expiresAt, :debug, :closedAt, :closeReason)
                """)
                .param("id", code.id()).param("appId", code.appId()).param("contact", code.destination())
                .param("purpose", code.purpose().stored()).param("hmac", code.hmac()).param("ip", code.clientIp())
                .param("now", at(code.createdAt())).param("expiresAt", at(code.expiresAt())).param("debug", code.debugCode())
                .param("closedAt", code.withheld() ? at(code.createdAt()) : null)
                .param("closeReason", code.withheld() ? "withheld" : null)
                .update();
    }

    /** Inside a transaction: the newest live code of this destination and purpose, locked until the transaction ends. */
    Optional<LiveCode> findLive(String appId, String destination, CodePurpose purpose) {
        return jdbc.sql("""
                SELECT id, code_hmac, expires_at, attempts FROM verification_code
                WHERE app_id = :appId AND lower(contact) = lower(:contact) AND purpose = :purpose AND closed_at IS NULL
                ORDER BY created_at DESC LIMIT 1
                FOR UPDATE
                """)
                .param("appId", appId).param("contact", destination).param("purpose", purpose.stored())
                .query((rs, n) -> new LiveCode(rs.getObject("id", UUID.class), rs.getString("code_hmac"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant(), rs.getInt("attempts")))
                .optional();
    }

    /** Records the wrong guesses made so far at a code held by {@link #findLive}. */
    void deleteSentTo(String appId, String destination) {
        jdbc.sql("DELETE FROM verification_code WHERE app_id = :appId AND lower(contact) = lower(:contact)")
                .param("appId", appId).param("contact", destination).update();
    }

    void recordAttempts(UUID id, int attempts) {
        jdbc.sql("UPDATE verification_code SET attempts = :attempts WHERE id = :id").param("attempts", attempts).param("id", id).update();
    }

    void close(UUID id, CloseReason reason, Instant now) {
        jdbc.sql("UPDATE verification_code SET closed_at = :now, close_reason = :reason WHERE id = :id")
                .param("now", at(now)).param("reason", reason.stored()).param("id", id).update();
    }

    /** Every live code sent to this destination that still holds its code (test mode), whatever its app and purpose, newest first. */
    List<VerificationCodes.DebugCode> liveDebugCodes(String destination, Instant now) {
        return jdbc.sql("""
                SELECT app_id, purpose, debug_code, created_at, expires_at FROM verification_code
                WHERE lower(contact) = lower(:contact) AND closed_at IS NULL AND expires_at > :now AND debug_code IS NOT NULL
                ORDER BY created_at DESC
                """)
                .param("contact", destination).param("now", at(now))
                .query((rs, n) -> new VerificationCodes.DebugCode(rs.getString("app_id"), CodePurpose.ofStored(rs.getString("purpose")),
                        rs.getString("debug_code"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Deletes up to {@code limit} codes expired longer than {@code retention} ago; returns how many. */
    int purgeExpired(Duration retention, int limit) {
        return jdbc.sql("""
                DELETE FROM verification_code WHERE id IN (
                    SELECT id FROM verification_code
                    WHERE expires_at < now() - make_interval(secs => :ageSeconds)
                    LIMIT :limit)
                """)
                .param("ageSeconds", retention.toMillis() / 1000.0)
                .param("limit", limit)
                .update();
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    record NewCode(UUID id, String appId, String destination, CodePurpose purpose, String hmac, String clientIp,
            Instant createdAt, Instant expiresAt, String debugCode, boolean withheld) {
    }

    record LiveCode(UUID id, String hmac, Instant expiresAt, int attempts) {
    }

    /** Why a code was closed by its use; superseded and withheld codes are closed by {@link #supersede} and {@link #insert}. */
    enum CloseReason {
        USED("used"), EXPIRED("expired"), TOO_MANY_ATTEMPTS("too_many_attempts");

        private final String stored;

        CloseReason(String stored) {
            this.stored = stored;
        }

        String stored() {
            return stored;
        }
    }
}
