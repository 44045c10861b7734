package io.passportsuite.passport.token;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Table {@code signing_key}, shared by every passport replica: public keys as X.509 DER, private
 * keys as PKCS#8 DER sealed by {@link PrivateKeyCipher}, never in clear.
 */
@Component
class SigningKeyStore {

    /** One advisory lock for the whole table: whoever holds it may create, retire and delete keys. */
    static final long ROTATION_LOCK = 0x7061_7373_706f_7274L; // "passport" in ASCII

    private final JdbcClient jdbc;
    private final PrivateKeyCipher cipher;

    SigningKeyStore(JdbcClient jdbc, PrivateKeyCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Takes the rotation lock for the current transaction, or answers false at once if another holds it. */
    boolean tryLockRotation() {
        return Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(:lock)")
                .param("lock", ROTATION_LOCK).query(Boolean.class).single());
    }

    /** Waits for the rotation lock for the current transaction, failing after the given number of seconds. */
    void lockRotation(int timeoutSeconds) {
        jdbc.sql("SELECT set_config('lock_timeout', :timeout, true)").param("timeout", timeoutSeconds + "s")
                .query(rs -> { });
        jdbc.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", ROTATION_LOCK).query(rs -> { });
    }

    void insert(SigningKey key) {
        jdbc.sql("""
                INSERT INTO signing_key (kid, algorithm, public_key, private_key_sealed, created_at, activates_at)
                VALUES (:kid, :algorithm, :publicKey, :privateKey, :createdAt, :activatesAt)
                """)
                .param("kid", key.kid())
                .param("algorithm", SigningKey.ALGORITHM)
                .param("publicKey", key.publicKey().getEncoded())
                .param("privateKey", cipher.seal(key.kid(), key.privateKey().getEncoded()))
                .param("createdAt", utc(key.createdAt()))
                .param("activatesAt", utc(key.activatesAt()))
                .update();
    }

    /** Every key's schedule, oldest activation first, without key material. */
    List<SigningKey> schedule() {
        return jdbc.sql("SELECT kid, created_at, activates_at, retires_at, expires_at FROM signing_key ORDER BY activates_at, kid")
                .query((rs, row) -> new SigningKey(rs.getString("kid"), null, null, instant(rs, "created_at"),
                        instant(rs, "activates_at"), instant(rs, "retires_at"), instant(rs, "expires_at")))
                .list();
    }

    /**
     * The keys published at {@code now}; private keys are decrypted only for those that may still
     * sign, so a retired key's private half is never loaded again.
     */
    List<SigningKey> publishedAt(Instant now) {
        return jdbc.sql("""
                SELECT kid, public_key, created_at, activates_at, retires_at, expires_at,
                       CASE WHEN retires_at IS NULL OR retires_at > :now THEN private_key_sealed END AS private_key_sealed
                  FROM signing_key
                 WHERE algorithm = 'RS256' AND (expires_at IS NULL OR expires_at > :now)
                """)
                .param("now", utc(now))
                .query((rs, row) -> {
                    String kid = rs.getString("kid");
                    byte[] sealed = rs.getBytes("private_key_sealed");
                    return new SigningKey(kid, publicKey(rs.getBytes("public_key")),
                            sealed == null ? null : privateKey(cipher.open(kid, sealed)), instant(rs, "created_at"),
                            instant(rs, "activates_at"), instant(rs, "retires_at"), instant(rs, "expires_at"));
                })
                .list();
    }

    void retire(String kid, Instant retiresAt, Instant expiresAt) {
        jdbc.sql("UPDATE signing_key SET retires_at = :retiresAt, expires_at = :expiresAt WHERE kid = :kid")
                .param("kid", kid)
                .param("retiresAt", utc(retiresAt))
                .param("expiresAt", utc(expiresAt))
                .update();
    }

    int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM signing_key WHERE expires_at <= :now").param("now", utc(now)).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static RSAPublicKey publicKey(byte[] der) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A public key in signing_key is not an RSA SubjectPublicKeyInfo", e);
        }
    }

    private static RSAPrivateKey privateKey(byte[] der) {
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A private key in signing_key is not an RSA PKCS#8 key", e);
        }
    }
}
