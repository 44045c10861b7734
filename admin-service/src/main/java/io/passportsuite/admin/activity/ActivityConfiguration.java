package io.passportsuite.admin.activity;

import java.time.Clock;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import io.passportsuite.common.retention.PeriodicPurge;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ActivitySettings.class)
class ActivityConfiguration {

    static final String LISTENER_FACTORY = "activityListenerFactory";

    /**
     * The suite's defaults, with two choices of this listener's own: offsets are committed once the
     * records of a poll are handled (one commit per batch: a commit per record was a round trip to
     * the broker for each event, at every login), and a failure (only the database being away:
     * unreadable records are skipped, not thrown) is retried until it passes, where the default
     * handler would give up and lose the event.
     */
    @Bean(LISTENER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> activityListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(2_000, FixedBackOff.UNLIMITED_ATTEMPTS)));
        return factory;
    }

    @Bean
    PeriodicPurge activityPurge(UserActivity activity, ActivitySettings settings, ObjectProvider<Clock> clock) {
        Clock now = clock.getIfAvailable(Clock::systemUTC);
        return new PeriodicPurge("activity-purge", settings.purgeInterval(), 1000,
                Map.of("activity entries", limit -> activity.deleteOlderThan(now.instant().minus(settings.retention()), limit)));
    }
}
