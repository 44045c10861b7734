package io.passportsuite.passport.membership;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
class MembershipEventsConfiguration {

    /**
     * The listener only throws when the database is away. Kafka's default handler would give up
     * after ten tries and commit the offset, losing the change; this one seeks back and waits.
     */
    @Bean
    CommonErrorHandler retryUntilTheDatabaseIsBack() {
        return new DefaultErrorHandler(new FixedBackOff(2_000, FixedBackOff.UNLIMITED_ATTEMPTS));
    }
}
