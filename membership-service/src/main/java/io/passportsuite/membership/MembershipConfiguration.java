package io.passportsuite.membership;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MembershipConfiguration {

    /** Tests replace it to reach end dates without waiting. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
