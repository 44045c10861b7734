package io.passportsuite.passport.code;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.passportsuite.common.retention.PeriodicPurge;

/** Deletes codes once they have been expired for {@code passport.codes.retention}. */
@Configuration(proxyBeanMethods = false)
class CodeRetention {

    @Bean
    PeriodicPurge expiredCodePurge(VerificationCodeRepository codes, CodeSettings settings) {
        return new PeriodicPurge("code-purge", settings.purgeInterval(), 1000,
                Map.of("expired verification codes", limit -> codes.purgeExpired(settings.retention(), limit)));
    }
}
