package io.passportsuite.notification.delivery;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    /**
     * The listener only throws when the database is away. Its default handler would give up after
     * ten tries and commit the offset, losing the request; this one seeks back and waits instead.
     */
    @Bean
    CommonErrorHandler retryUntilTheDatabaseIsBack() {
        return new DefaultErrorHandler(new FixedBackOff(2_000, FixedBackOff.UNLIMITED_ATTEMPTS));
    }
}
