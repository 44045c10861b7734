package io.passportsuite.gateway.resilience;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

    @Bean
    UpstreamFailureHandler upstreamFailureHandler() {
        return new UpstreamFailureHandler();
    }
}
