package io.passportsuite.passport;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Configuration;

/** Binds every {@code @ConfigurationProperties} record of the service's features. */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesScan
class PassportConfiguration {
}
