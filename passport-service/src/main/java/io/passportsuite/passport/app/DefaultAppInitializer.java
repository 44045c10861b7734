package io.passportsuite.passport.app;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Makes sure the app the envelope and chat surfaces serve exists, with the default policies. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DefaultAppInitializer implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DefaultAppInitializer.class);

    private final AppRepository apps;
    private final AppSettings settings;

    DefaultAppInitializer(AppRepository apps, AppSettings settings) {
        this.apps = apps;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        App app = AppAdministration.newApp(settings.defaultAppId(), settings.defaultAppName(), PasswordPolicy.DEFAULT,
                Set.of(App.LOGIN_PASSWORD, App.LOGIN_EMAIL_CODE, App.LOGIN_GITHUB));
        if (apps.createIfAbsent(app)) {
            log.info("Created the default app '{}'", app.appId());
        }
    }
}
