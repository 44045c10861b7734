package io.passportsuite.passport.account;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.passportsuite.passport.app.App;
import io.passportsuite.passport.app.DefaultApp;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;

/**
 * Creates the configured administrator in the platform app, once: an account with its username,
 * whatever its password, is left alone, so restarting never resets a password an administrator
 * has since changed. In production a weak configured password stops the start.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class AdminBootstrap implements ApplicationRunner {

    static final int MIN_PRODUCTION_PASSWORD_LENGTH = 12;

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountRegistration registration;
    private final UserRepository users;
    private final DefaultApp platform;
    private final AdminBootstrapProperties properties;
    private final boolean production;

    AdminBootstrap(AccountRegistration registration, UserRepository users, DefaultApp platform, AdminBootstrapProperties properties,
            @Value("${passport.environment}") String environment) {
        this.production = "production".equalsIgnoreCase(environment);
        if (properties.configured() && !properties.complete()) {
            throw new IllegalStateException("Set both ADMIN_BOOTSTRAP_USERNAME and ADMIN_BOOTSTRAP_PASSWORD, or neither");
        }
        if (production && properties.complete()
                && properties.password().codePointCount(0, properties.password().length()) < MIN_PRODUCTION_PASSWORD_LENGTH) {
            throw new IllegalStateException("In production ADMIN_BOOTSTRAP_PASSWORD must have at least "
                    + MIN_PRODUCTION_PASSWORD_LENGTH + " characters");
        }
        this.registration = registration;
        this.users = users;
        this.platform = platform;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.complete()) {
            return;
        }
        App app = platform.get();
        Optional<Problem> weak = app.passwordPolicy().violation(properties.password());
        if (weak.isPresent()) {
            refuse("ADMIN_BOOTSTRAP_PASSWORD breaks the password policy of app '" + app.appId() + "': " + weak.get().message());
            return;
        }
        if (users.usernameTaken(app.appId(), properties.username())) {
            log.info("Administrator '{}' of app '{}' exists already", properties.username(), app.appId());
            return;
        }
        switch (registration.registerAdministrator(app, properties.username(), properties.password())) {
            case Outcome.Success<User>(User admin) -> log.info("Created administrator '{}' of app '{}'", admin.username(), app.appId());
            // Another instance starting at the same time created it.
            case Outcome.Failure<User>(Problem problem) when problem.reason() == Reason.USERNAME_TAKEN ->
                    log.info("Administrator '{}' of app '{}' exists already", properties.username(), app.appId());
            case Outcome.Failure<User>(Problem problem) -> refuse("The administrator from ADMIN_BOOTSTRAP_USERNAME could not be created: "
                    + problem.message());
        }
    }

    /** Stops the start in production; elsewhere says why no administrator was created and goes on. */
    private void refuse(String why) {
        if (production) {
            throw new IllegalStateException(why);
        }
        log.warn("{}; no administrator was created", why);
    }
}
