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
        return List.of("app", "api_key");
    }

    @Test
    void shouldBootstrapNoAppAndNoKeyOutsideLocalMode() {
        assertThat(jdbc.sql("SELECT count(*) FROM app").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM api_key").query(Long.class).single()).isZero();
    }
}
