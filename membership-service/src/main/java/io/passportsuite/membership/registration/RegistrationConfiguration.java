package io.passportsuite.membership.registration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
class RegistrationConfiguration {

    /**
     * The listener only throws when the database is away. The default handler would give up after
     * ten tries and commit the offset, losing the registration's code; this one waits instead.
     */
    @Bean
    CommonErrorHandler retryUntilTheDatabaseIsBack() {
        return new DefaultErrorHandler(new FixedBackOff(2_000, FixedBackOff.UNLIMITED_ATTEMPTS));
    }
}
