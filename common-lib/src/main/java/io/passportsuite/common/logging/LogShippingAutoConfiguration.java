package io.passportsuite.common.logging;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Ships the log lines of every service with the Kafka client on its classpath and a broker
 * address (the suite's defaults give one) to {@code passport.logs.shipping.topic}. It needs
 * nothing but kafka-clients and Logback, so the reactive gateway gets it as the servlet services do.
 * {@code passport.logs.shipping.enabled=false} turns it off.
 */
@AutoConfiguration
@ConditionalOnClass({KafkaProducer.class, LoggerContext.class})
@ConditionalOnProperty(name = "passport.logs.shipping.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LogShippingProperties.class)
public class LogShippingAutoConfiguration {

    @Bean
    @ConditionalOnProperty(name = "spring.kafka.bootstrap-servers")
    LogShipping logShipping(Environment environment, LogShippingProperties settings) {
        String brokers = settings.bootstrapServers().isBlank()
                ? environment.getProperty("spring.kafka.bootstrap-servers", "") : settings.bootstrapServers();
        // spring.kafka.properties.* carry what every client of the service needs (security, TLS).
        Map<String, Object> common = new HashMap<>(Binder.get(environment)
                .bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class)).orElseGet(Map::of));
        return LogShipping.attach(environment, brokers, common, settings);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnProperty(name = "spring.kafka.bootstrap-servers")
    static class LogShippingMetricsConfiguration {

        @Bean
        MeterBinder logShippingMetrics(LogShipping shipping) {
            return registry -> FunctionCounter.builder("passport.logs.shipping.dropped", shipping, LogShipping::dropped)
                    .description("Log lines not shipped to Kafka: logged while the queue was full, or refused by the broker")
                    .register(registry);
        }
    }
}
