package io.passportsuite.passport.app;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AppRepository {

    private final JdbcClient jdbc;

    AppRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<App> find(String appId) {
        return jdbc.sql("SELECT * FROM app WHERE app_id = :appId")
                .param("appId", appId)
                .query(AppRepository::map)
                .optional();
    }

    public List<App> findAll() {
        return jdbc.sql("SELECT * FROM app ORDER BY app_id").query(AppRepository::map).list();
    }

    /** One page of apps by id, so that a page boundary stays put while apps are added after it. */
    public List<App> page(int limit, long offset) {
        return jdbc.sql("SELECT * FROM app ORDER BY app_id LIMIT :limit OFFSET :offset")
                .param("limit", limit)
                .param("offset", offset)
                .query(AppRepository::map)
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM app").query(Long.class).single();
    }

    /** The app, locked until the transaction ends: the state a change starts from is the one it replaces. */
    Optional<App> findForUpdate(String appId) {
        return jdbc.sql("SELECT * FROM app WHERE app_id = :appId FOR UPDATE")
                .param("appId", appId)
                .query(AppRepository::map)
                .optional();
    }

    void updateSettings(App app) {
        jdbc.sql("""
                UPDATE app SET name = :name, password_min_length = :min, password_max_length = :max,
                               password_letter_and_digit = :letterAndDigit, access_token_ttl_seconds = :accessTtl,
                               refresh_token_ttl_seconds = :refreshTtl, login_methods = :methods,
                               register_captcha_required = :captcha
                WHERE app_id = :appId
                """)
                .param("appId", app.appId())
                .param("name", app.name())
                .param("min", app.passwordPolicy().minLength())
                .param("max", app.passwordPolicy().maxLength())
                .param("letterAndDigit", app.passwordPolicy().letterAndDigit())
                .param("accessTtl", app.accessTokenTtl().toSeconds())
                .param("refreshTtl", app.refreshTokenTtl().toSeconds())
                .param("methods", app.loginMethods().toArray(String[]::new))
                .param("captcha", app.registerCaptchaRequired())
                .update();
    }

    /** Creates the app unless it exists; returns whether it was created. */
    boolean createIfAbsent(App app) {
        return jdbc.sql("""
                INSERT INTO app (app_id, name, password_min_length, password_max_length, password_letter_and_digit,
                                 access_token_ttl_seconds, refresh_token_ttl_seconds, login_methods, register_captcha_required)
                VALUES (:appId, :name, :min, :max, :letterAndDigit, :accessTtl, :refreshTtl, :methods, :captcha)
                ON CONFLICT (app_id) DO NOTHING
                """)
                .param("appId", app.appId())
                .param("name", app.name())
                .param("min", app.passwordPolicy().minLength())
                .param("max", app.passwordPolicy().maxLength())
                .param("letterAndDigit", app.passwordPolicy().letterAndDigit())
                .param("accessTtl", app.accessTokenTtl().toSeconds())
                .param("refreshTtl", app.refreshTokenTtl().toSeconds())
                .param("methods", app.loginMethods().toArray(String[]::new))
                .param("captcha", app.registerCaptchaRequired())
                .update() == 1;
    }

    static App map(ResultSet rs, int row) throws SQLException {
        Array methods = rs.getArray("login_methods");
        return new App(
                rs.getString("app_id"),
                rs.getString("name"),
                new PasswordPolicy(rs.getInt("password_min_length"), rs.getInt("password_max_length"),
                        rs.getBoolean("password_letter_and_digit")),
                Duration.ofSeconds(rs.getInt("access_token_ttl_seconds")),
                Duration.ofSeconds(rs.getInt("refresh_token_ttl_seconds")),
                Set.of((String[]) methods.getArray()),
                rs.getBoolean("register_captcha_required"));
    }
}
