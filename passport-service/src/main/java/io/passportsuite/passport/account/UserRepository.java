package io.passportsuite.passport.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class UserRepository {

    private final JdbcClient jdbc;
    /**
     * Told of every write that changes what a profile shows ({@link UserChanged}). Here, where every
     * such write passes, rather than in each use case that makes one: a use case added later cannot
     * forget it.
     */
    private final ApplicationEventPublisher notices;

    UserRepository(JdbcClient jdbc, ApplicationEventPublisher notices) {
        this.jdbc = jdbc;
        this.notices = notices;
    }

    public Optional<User> find(UUID id) {
        return jdbc.sql("SELECT * FROM app_user WHERE id = :id").param("id", id).query(UserRepository::map).optional();
    }

    public Optional<User> findInApp(String appId, UUID id) {
        return find(id).filter(user -> user.appId().equals(appId));
    }

    /** The user when it belongs to {@code appId}, its row locked until the transaction ends. */
    Optional<User> lockInApp(String appId, UUID id) {
        return jdbc.sql("SELECT * FROM app_user WHERE id = :id AND app_id = :appId FOR UPDATE")
                .param("id", id).param("appId", appId).query(UserRepository::map).optional();
    }

    public Optional<User> findByEmail(String appId, String email) {
        return jdbc.sql("SELECT * FROM app_user WHERE app_id = :appId AND lower(email) = lower(:email)")
                .param("appId", appId).param("email", email).query(UserRepository::map).optional();
    }

    public Optional<User> findByPhone(String appId, String phone) {
        return jdbc.sql("SELECT * FROM app_user WHERE app_id = :appId AND phone = :phone")
                .param("appId", appId).param("phone", phone).query(UserRepository::map).optional();
    }

    public Optional<User> findByContact(String appId, Contact contact) {
        return contact.isEmail() ? findByEmail(appId, contact.value()) : findByPhone(appId, contact.value());
    }

    public Optional<User> findByUsername(String appId, String username) {
        return jdbc.sql("SELECT * FROM app_user WHERE app_id = :appId AND lower(username) = lower(:username)")
                .param("appId", appId).param("username", username).query(UserRepository::map).optional();
    }

    public boolean usernameTaken(String appId, String username) {
        return findByUsername(appId, username).isPresent();
    }

    /** Inserts the user; false when one of its identifiers is taken in the app (lost race included). */
    boolean insert(User user, String inviteCode) {
        try {
            jdbc.sql("""
                    INSERT INTO app_user (id, app_id, username, email, phone, password_hash, nickname, avatar_url, signature,
                                          role, status, email_verified, phone_verified, invite_code, created_at, updated_at)
                    VALUES (:id, :appId, :username, :email, :phone, :hash, :nickname, :avatar, :signature,
                            :role, :status, :emailVerified, :phoneVerified, :inviteCode, :createdAt, :createdAt)
                    """)
                    .param("id", user.id())
                    .param("appId", user.appId())
                    .param("username", user.username())
                    .param("email", user.email())
                    .param("phone", user.phone())
                    .param("hash", user.passwordHash())
                    .param("nickname", user.nickname())
                    .param("avatar", user.avatarUrl())
                    .param("signature", user.signature())
                    .param("role", user.role())
                    .param("status", user.status())
                    .param("emailVerified", user.emailVerified())
                    .param("phoneVerified", user.phoneVerified())
                    .param("inviteCode", inviteCode)
                    .param("createdAt", OffsetDateTime.ofInstant(user.createdAt(), java.time.ZoneOffset.UTC))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    void updatePasswordHash(UUID id, String hash) {
        jdbc.sql("UPDATE app_user SET password_hash = :hash WHERE id = :id").param("hash", hash).param("id", id).update();
    }

    /**
     * Replaces the password hash only if it is still {@code expected}: a password checked a moment
     * ago may have been dropped since (a first proof of the account's contact) or changed, and
     * must not be written back over that.
     */
    boolean replacePasswordHash(UUID id, String expected, String hash) {
        return jdbc.sql("UPDATE app_user SET password_hash = :hash WHERE id = :id AND password_hash = :expected")
                .param("hash", hash).param("id", id).param("expected", expected).update() == 1;
    }

    /**
     * Inside a transaction: true when the password hash is still {@code expected}, and then it stays
     * so until the transaction ends (a share lock on the row), so a session opened with that
     * password cannot slip past a concurrent first proof, which ends every session it finds.
     */
    boolean holdPassword(UUID id, String expected) {
        return jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM app_user WHERE id = :id AND password_hash = :expected FOR SHARE) held")
                .param("id", id).param("expected", expected).query(Long.class).single() == 1;
    }

    User updateProfile(UUID id, String nickname, String avatarUrl, String signature) {
        return changed(jdbc.sql("""
                UPDATE app_user SET nickname = :nickname, avatar_url = :avatar, signature = :signature, updated_at = now()
                WHERE id = :id RETURNING *
                """)
                .param("id", id).param("nickname", nickname).param("avatar", avatarUrl).param("signature", signature)
                .query(UserRepository::map).single());
    }

    /**
     * Marks the user's email or phone proven and, when this is its first proof, drops the password
     * set before it; false when another request proved it first (only one proof is the first).
     */
    boolean markFirstProof(UUID id, Contact.Kind contact) {
        String column = contact == Contact.Kind.EMAIL ? "email_verified" : "phone_verified";
        return changed(id, jdbc.sql("UPDATE app_user SET " + column + " = TRUE, password_hash = NULL, updated_at = now() WHERE id = :id AND NOT " + column)
                .param("id", id).update() == 1);
    }

    /** Removes an email or phone nobody proved from the account; false when it was proven or changed meanwhile. */
    boolean detachUnproven(UUID id, Contact.Kind contact) {
        String sql = contact == Contact.Kind.EMAIL
                ? "UPDATE app_user SET email = NULL, updated_at = now() WHERE id = :id AND NOT email_verified AND email IS NOT NULL"
                : "UPDATE app_user SET phone = NULL, updated_at = now() WHERE id = :id AND NOT phone_verified AND phone IS NOT NULL";
        return changed(id, jdbc.sql(sql).param("id", id).update() == 1);
    }

    /** Sets the identifiers and role an operator edits; throws DuplicateKeyException when one is taken. */
    User updateAccount(UUID id, String username, String email, boolean emailVerified, String phone, boolean phoneVerified, int role) {
        return changed(jdbc.sql("""
                UPDATE app_user SET username = :username, email = :email, email_verified = :emailVerified, phone = :phone,
                                    phone_verified = :phoneVerified, role = :role, updated_at = now()
                WHERE id = :id RETURNING *
                """)
                .param("id", id).param("username", username).param("email", email).param("emailVerified", emailVerified)
                .param("phone", phone).param("phoneVerified", phoneVerified).param("role", role)
                .query(UserRepository::map).single());
    }

    private User changed(User user) {
        notices.publishEvent(new UserChanged(user.id()));
        return user;
    }

    private boolean changed(UUID id, boolean changed) {
        if (changed) {
            notices.publishEvent(new UserChanged(id));
        }
        return changed;
    }

    boolean enable(UUID id) {
        return jdbc.sql("UPDATE app_user SET status = 'active', updated_at = now() WHERE id = :id AND status = 'disabled'")
                .param("id", id).update() == 1;
    }

    boolean disable(UUID id) {
        return jdbc.sql("UPDATE app_user SET status = 'disabled', online = FALSE, updated_at = now() WHERE id = :id AND status = 'active'")
                .param("id", id).update() == 1;
    }

    /** Deletes the user's row; the triggers of {@code app_user_count} count it out of its app. */
    void delete(UUID id) {
        jdbc.sql("DELETE FROM app_user WHERE id = :id").param("id", id).update();
    }

    /** Marks the user seen now; returns false when nothing changed recently enough to write. */
    /** True when the row moved: the user was offline or last seen more than 30 seconds ago. */
    boolean markOnline(UUID id, Instant now) {
        return 1 == jdbc.sql("""
                UPDATE app_user SET online = TRUE, last_seen_at = :now
                WHERE id = :id AND (NOT online OR last_seen_at IS NULL OR last_seen_at < :now - interval '30 seconds')
                """)
                .param("id", id).param("now", OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC)).update();
    }

    void markOffline(UUID id, Instant now) {
        jdbc.sql("UPDATE app_user SET online = FALSE, last_seen_at = :now WHERE id = :id")
                .param("id", id).param("now", OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC)).update();
    }

    /** A page of the app's users, oldest first; the id breaks ties so that pages neither skip nor repeat a user. */
    public List<User> pageInApp(String appId, int limit, long offset) {
        return jdbc.sql("SELECT * FROM app_user WHERE app_id = :appId ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                .param("appId", appId).param("limit", limit).param("offset", offset).query(UserRepository::map).list();
    }

    public long countInApp(String appId) {
        return jdbc.sql("SELECT count(*) FROM app_user WHERE app_id = :appId").param("appId", appId).query(Long.class).single();
    }

    static User map(ResultSet rs, int row) throws SQLException {
        return new User(
                rs.getObject("id", UUID.class),
                rs.getString("app_id"),
                rs.getString("username"),
                rs.getString("email"),
                rs.getString("phone"),
                rs.getString("password_hash"),
                rs.getString("nickname"),
                rs.getString("avatar_url"),
                rs.getString("signature"),
                rs.getInt("role"),
                rs.getString("status"),
                rs.getBoolean("email_verified"),
                rs.getBoolean("phone_verified"),
                rs.getBoolean("is_bot"),
                rs.getBoolean("online"),
                instant(rs, "last_seen_at"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
