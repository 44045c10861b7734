package io.passportsuite.passport.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.passport.api.Http;
import io.passportsuite.passport.password.Argon2Settings;
import io.passportsuite.passport.password.PasswordHasher;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class PasswordUpgradeOnLoginTest {

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void shouldReplaceAHashWithOlderParametersAtTheNextSuccessfulLogin() {
        Http http = new Http(port);
        Http.Response registered = http.post("/auth/register", """
                {"username":"old_timer","password":"password123","nickname":"Old"}
                """);
        UUID userId = UUID.fromString(registered.json().get("data").get("user").get("id").asString());
        String weakHash = new PasswordHasher(new Argon2Settings(12288, 3, 1, 16, 32, 1)).hash("password123");
        jdbc.sql("UPDATE app_user SET password_hash = :hash WHERE id = :id").param("hash", weakHash).param("id", userId).update();

        Http.Response wrong = http.post("/auth/login", "{\"identifier\":\"old_timer\",\"password\":\"password124\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(storedHash(userId)).isEqualTo(weakHash);

        Http.Response login = http.post("/auth/login", "{\"identifier\":\"old_timer\",\"password\":\"password123\"}");
        assertThat(login.status()).isEqualTo(200);
        assertThat(storedHash(userId)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(weakHash);

        assertThat(http.post("/auth/login", "{\"identifier\":\"old_timer\",\"password\":\"password123\"}").status()).isEqualTo(200);
    }

    private String storedHash(UUID userId) {
        return jdbc.sql("SELECT password_hash FROM app_user WHERE id = :id").param("id", userId).query(String.class).single();
    }
}
