package io.passportsuite.passport.github;

import java.sql.Array;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Apps' GitHub configurations; a secret that no longer decrypts reads as none ({@link GithubApp#clientSecret()} null). */
@Repository
class GithubAppRepository {

    private final JdbcClient jdbc;
    private final ClientSecretCipher cipher;

    GithubAppRepository(JdbcClient jdbc, ClientSecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    Optional<GithubApp> find(String appId) {
        return jdbc.sql("SELECT * FROM app_github WHERE app_id = :appId")
                .param("appId", appId)
                .query((rs, row) -> {
                    Array uris = rs.getArray("redirect_uris");
                    return new GithubApp(rs.getString("app_id"), rs.getString("client_id"),
                            cipher.open(rs.getString("app_id"), rs.getBytes("client_secret_sealed")).orElse(null),
                            List.of((String[]) uris.getArray()), rs.getString("web_base_url"), rs.getString("api_base_url"));
                })
                .optional();
    }

    void save(GithubApp app) {
        jdbc.sql("""
                INSERT INTO app_github (app_id, client_id, client_secret_sealed, redirect_uris, web_base_url, api_base_url, updated_at)
                VALUES (:appId, :clientId, :secret, :uris, :web, :api, now())
                ON CONFLICT (app_id) DO UPDATE SET client_id = EXCLUDED.client_id, client_secret_sealed = EXCLUDED.client_secret_sealed,
                    redirect_uris = EXCLUDED.redirect_uris, web_base_url = EXCLUDED.web_base_url,
                    api_base_url = EXCLUDED.api_base_url, updated_at = now()
                """)
                .param("appId", app.appId())
                .param("clientId", app.clientId())
                .param("secret", cipher.seal(app.appId(), app.clientSecret()))
                .param("uris", app.redirectUris().toArray(String[]::new))
                .param("web", app.webBaseUrl())
                .param("api", app.apiBaseUrl())
                .update();
    }
}
