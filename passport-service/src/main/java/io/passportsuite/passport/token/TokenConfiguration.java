package io.passportsuite.passport.token;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
class TokenConfiguration {

    /** The time tokens and keys are judged by; tests replace it to move time. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Fails start-up with a message naming PASSPORT_KEY_ENCRYPTION_KEY when it is missing or not 32 bytes. */
    @Bean
    PrivateKeyCipher privateKeyCipher(TokenProperties properties) {
        return new PrivateKeyCipher(properties.keyEncryptionKey());
    }

    @Bean
    RsaSigners rsaSigners(TokenProperties properties) {
        return properties.nativeSigning() ? RsaSigners.nativeWhenLoaded() : RsaSigners.jdkOnly();
    }
}
