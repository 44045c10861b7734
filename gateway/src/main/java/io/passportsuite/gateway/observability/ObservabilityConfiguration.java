package io.passportsuite.gateway.observability;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    @Bean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    @Bean
    AccessLogFilter accessLogFilter() {
        return new AccessLogFilter();
    }

    @Bean
    UserIdRecorder userIdRecorder() {
        return new UserIdRecorder();
    }
}
