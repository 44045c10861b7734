package io.passportsuite.passport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.ServiceStartupContract;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class PassportServiceStartupTest extends ServiceStartupContract {

    @Autowired
    private JdbcClient jdbc;

    @Override
    protected List<String> ownedTables() {
        return List.of("app", "api_key", "app_user", "auth_session", "refresh_token", "security_event", "signing_key");
    }

    @Test
    void shouldCreateTheDefaultAppButNoKeyOutsideLocalMode() {
        assertThat(jdbc.sql("SELECT app_id FROM app").query(String.class).list()).containsExactly("default");
        assertThat(jdbc.sql("SELECT count(*) FROM api_key").query(Long.class).single()).isZero();
    }
}
