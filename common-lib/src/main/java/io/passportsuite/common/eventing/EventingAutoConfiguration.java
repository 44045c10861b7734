package io.passportsuite.common.eventing;

import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.passportsuite.common.retention.PeriodicPurge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives every service with a database and Kafka on its classpath the outbox (writer + relay) and
 * the processed-event log, on tables created in that service's own database.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        FlywayAutoConfiguration.class, KafkaAutoConfiguration.class})
@ConditionalOnClass({KafkaTemplate.class, JdbcClient.class, Flyway.class})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties({OutboxProperties.class, EventingRetentionProperties.class})
public class EventingAutoConfiguration {

    /**
     * After the service's own Flyway migrations: created first, these tables would make the
     * service's database look non-empty and Flyway would refuse to start on it.
     */
    @Bean
    @DependsOnDatabaseInitialization
    EventingSchema eventingSchema(DataSource dataSource) {
        return new EventingSchema(dataSource);
    }

    @Bean
    OutboxWriter outboxWriter(EventingSchema schema, DataSource dataSource, ObjectProvider<JsonMapper> jsonMapper,
            ObjectProvider<OutboxTracing> tracing) {
        return new OutboxWriter(JdbcClient.create(dataSource), jsonMapper.getIfAvailable(JsonMapper::new),
                tracing.getIfAvailable(() -> OutboxTracing.NONE));
    }

    @Bean
    ProcessedEvents processedEvents(EventingSchema schema, DataSource dataSource) {
        return new ProcessedEvents(JdbcClient.create(dataSource));
    }

    @Bean
    OutboxBacklog outboxBacklog(EventingSchema schema, DataSource dataSource) {
        return new OutboxBacklog(JdbcClient.create(dataSource));
    }

    @Bean
    OutboxMetrics outboxMetrics(ObjectProvider<MeterRegistry> registry, OutboxBacklog backlog) {
        return new OutboxMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), backlog);
    }

    @Bean
    OutboxRelay outboxRelay(EventingSchema schema, DataSource dataSource, PlatformTransactionManager transactionManager,
            KafkaProperties kafkaProperties, OutboxProperties properties, OutboxMetrics metrics,
            ObjectProvider<OutboxTracing> tracing) {
        return new OutboxRelay(JdbcClient.create(dataSource), new TransactionTemplate(transactionManager),
                OutboxRelay.producer(kafkaProperties.buildProducerProperties(), properties), properties, metrics,
                tracing.getIfAvailable(() -> OutboxTracing.NONE));
    }

    @Bean
    @ConditionalOnProperty(name = "passport.outbox.enabled", matchIfMissing = true)
    OutboxRelayWorker outboxRelayWorker(OutboxRelay relay, OutboxProperties properties) {
        return new OutboxRelayWorker(relay, properties);
    }

    @Bean
    EventingRetention eventingRetention(EventingSchema schema, DataSource dataSource) {
        return new EventingRetention(JdbcClient.create(dataSource));
    }

    @Bean
    @ConditionalOnProperty(name = "passport.eventing.retention.enabled", matchIfMissing = true)
    PeriodicPurge eventingPurge(EventingRetention retention, EventingRetentionProperties properties) {
        return new PeriodicPurge("eventing-purge", properties.interval(), properties.batchSize(), Map.of(
                "sent outbox events", limit -> retention.deleteSentEvents(properties.sentEvents(), limit),
                "processed-event marks", limit -> retention.deleteProcessedEvents(properties.processedEvents(), limit)));
    }

    /** With a tracer, events keep the trace of the request that wrote them (OutboxTracing says how). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
    static class OutboxTracingConfiguration {

        // Providers rather than a condition on the beans: the tracer's auto-configuration may come later.
        @Bean
        OutboxTracing outboxTracing(ObjectProvider<io.micrometer.tracing.Tracer> tracer,
                ObjectProvider<io.micrometer.tracing.propagation.Propagator> propagator) {
            io.micrometer.tracing.Tracer found = tracer.getIfAvailable();
            io.micrometer.tracing.propagation.Propagator propagates = propagator.getIfAvailable();
            return found == null || propagates == null ? OutboxTracing.NONE : new OutboxTracing.Micrometer(found, propagates);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class OutboxHealthConfiguration {

        @Bean
        OutboxHealthIndicator outboxHealthIndicator(OutboxBacklog backlog, OutboxProperties properties) {
            return new OutboxHealthIndicator(backlog, properties);
        }
    }
}
