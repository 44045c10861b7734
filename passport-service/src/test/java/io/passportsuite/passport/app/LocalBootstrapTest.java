package io.passportsuite.passport.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import io.passportsuite.common.testing.RealInfrastructure;

@SpringBootTest(properties = "PASSPORT_BOOTSTRAP_API_KEY=psk_test_bootstrap_key_0123456789")
@ActiveProfiles("local")
@RealInfrastructure
class LocalBootstrapTest {

    private static final String KEY = "psk_test_bootstrap_key_0123456789";

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private LocalBootstrap bootstrap;

    @Test
    void shouldCreateTheDefaultAppWithTheConfiguredKeyStoredOnlyAsAHash() {
        assertThat(jdbc.sql("SELECT name FROM app WHERE app_id = 'default'").query(String.class).single())
                .isEqualTo("Default app");
        var key = jdbc.sql("SELECT prefix, key_hash FROM api_key WHERE app_id = 'default'")
                .query((rs, n) -> new String[] {rs.getString("prefix"), rs.getString("key_hash")}).single();
        assertThat(key[0]).isEqualTo("psk_test_boo");
        assertThat(key[1]).isEqualTo(ApiKeys.hash(KEY)).doesNotContain(KEY).hasSize(64);
    }

    @Test
    void shouldLeaveOneAppAndOneKeyWhenRunAgain() {
        bootstrap.run(new DefaultApplicationArguments());

        assertThat(jdbc.sql("SELECT count(*) FROM app WHERE app_id = 'default'").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM api_key").query(Long.class).single()).isEqualTo(1);
    }
}
