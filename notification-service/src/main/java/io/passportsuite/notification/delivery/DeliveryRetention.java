package io.passportsuite.notification.delivery;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.passportsuite.common.retention.PeriodicPurge;

/** Deletes sent and dead deliveries once past {@code passport.notification.delivery.retention}. */
@Configuration(proxyBeanMethods = false)
class DeliveryRetention {

    @Bean
    PeriodicPurge finishedDeliveryPurge(Deliveries deliveries, DeliverySettings settings) {
        return new PeriodicPurge("delivery-purge", settings.purgeInterval(), 1000,
                Map.of("finished deliveries", limit -> deliveries.deleteFinished(settings.retention(), limit)));
    }
}
