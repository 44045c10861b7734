package io.passportsuite.gateway.observability;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    @Bean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    @Bean
    AccessLogFilter accessLogFilter(MeterRegistry meters) {
        return new AccessLogFilter(meters);
    }

    @Bean
    UserIdRecorder userIdRecorder() {
        return new UserIdRecorder();
    }
}
