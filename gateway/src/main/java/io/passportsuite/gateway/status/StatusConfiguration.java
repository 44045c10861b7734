package io.passportsuite.gateway.status;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
class StatusConfiguration {

    @Bean
    ServiceStateProbe serviceStateProbe(ReactiveDiscoveryClient discovery, StatusProperties properties) {
        return new ServiceStateProbe(discovery, WebClient.create(), properties);
    }

    @Bean
    SuiteStatusReporter suiteStatusReporter(ServiceStateProbe probe, StatusProperties properties,
            ObjectProvider<BuildProperties> build, @Value("${passport.environment}") String environment) {
        BuildProperties info = build.getIfAvailable();
        String version = info == null ? "unknown" : info.getVersion();
        return new SuiteStatusReporter(probe, properties, version, environment, Clock.systemUTC());
    }
}
