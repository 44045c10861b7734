package io.passportsuite.passport.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.passport.app.DefaultApp;

@SpringBootTest(properties = {"ADMIN_BOOTSTRAP_USERNAME=chief", "ADMIN_BOOTSTRAP_PASSWORD=chief-password-2026"})
@RealInfrastructure
class AdminBootstrapTest {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private AdminBootstrap bootstrap;

    @Autowired
    private AccountRegistration registration;

    @Autowired
    private UserRepository users;

    @Autowired
    private DefaultApp platform;

    @Test
    void shouldCreateTheAdministratorInThePlatformAppOnce() {
        User chief = users.findByUsername("default", "chief").orElseThrow();
        assertThat(chief.role()).isEqualTo(User.ROLE_ADMIN);
        assertThat(chief.active()).isTrue();

        // A password changed since then survives every restart.
        jdbc.sql("UPDATE app_user SET password_hash = 'changed-since' WHERE id = :id").param("id", chief.id()).update();
        bootstrap.run(new DefaultApplicationArguments());
        startWith(new AdminBootstrapProperties("CHIEF", "another-password-2026"), "development").run(new DefaultApplicationArguments());

        assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE lower(username) = 'chief'").query(Long.class).single()).isEqualTo(1);
        assertThat(users.find(chief.id()).orElseThrow().passwordHash()).isEqualTo("changed-since");
    }

    @Test
    void shouldRefuseAWeakPasswordInProductionOnly() {
        assertThatThrownBy(() -> startWith(new AdminBootstrapProperties("boss", "short-pw-26"), "production"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("12");
        AdminBootstrap breaksPolicy = startWith(new AdminBootstrapProperties("boss", "only-letters-here"), "production");
        assertThatThrownBy(() -> breaksPolicy.run(new DefaultApplicationArguments()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("letter and a digit");

        // Elsewhere the app's policy still holds (no account), and a short password within it is allowed.
        startWith(new AdminBootstrapProperties("boss", "only-letters-here"), "development").run(new DefaultApplicationArguments());
        assertThat(users.findByUsername("default", "boss")).isEmpty();
        startWith(new AdminBootstrapProperties("boss", "short-pw-26"), "development").run(new DefaultApplicationArguments());
        assertThat(users.findByUsername("default", "boss")).get().extracting(User::role).isEqualTo(User.ROLE_ADMIN);

        startWith(new AdminBootstrapProperties("head", "a-strong-password-2026"), "production").run(new DefaultApplicationArguments());
        assertThat(users.findByUsername("default", "head")).get().extracting(User::role).isEqualTo(User.ROLE_ADMIN);
    }

    @Test
    void shouldRefuseHalfAConfiguration() {
        assertThatThrownBy(() -> startWith(new AdminBootstrapProperties("boss", null), "development"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ADMIN_BOOTSTRAP_PASSWORD");
        startWith(new AdminBootstrapProperties(null, ""), "production").run(new DefaultApplicationArguments());
    }

    private AdminBootstrap startWith(AdminBootstrapProperties properties, String environment) {
        return new AdminBootstrap(registration, users, platform, properties, environment);
    }
}
