package io.passportsuite.admin.logs;

import java.time.Clock;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.passportsuite.admin.AdminSettings;
import io.passportsuite.admin.audit.AuditTrail;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LogSettings.class)
class LogsConfiguration {

    @Bean
    CollectedLogs collectedLogs(LogSettings settings) {
        return new CollectedLogs(settings);
    }

    @Bean
    ReadingRuntimeLogs readingRuntimeLogs(CollectedLogs logs) {
        return new ReadingRuntimeLogs(logs);
    }

    @Bean
    ArchivingLogs archivingLogs(CollectedLogs logs, ObjectProvider<Clock> clock) {
        return new ArchivingLogs(logs, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    RecordingLogExport recordingLogExport(AuditTrail trail, AdminSettings admin) {
        return new RecordingLogExport(trail, admin.platformAppId());
    }

    @Bean
    @ConditionalOnProperty(name = "admin.logs.collect", matchIfMissing = true)
    LogCollector logCollector(KafkaProperties kafka, CollectedLogs logs, LogSettings settings, ObjectProvider<Clock> clock) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        // Partitions are assigned by hand (LogCollector says why): no group, nothing committed.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "admin-log-collector");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new LogCollector(() -> new KafkaConsumer<>(config), logs, settings, clock.getIfAvailable(Clock::systemUTC));
    }
}
