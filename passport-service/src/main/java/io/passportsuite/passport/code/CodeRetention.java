package io.passportsuite.passport.code;

import java.time.Duration;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.passportsuite.common.retention.PeriodicPurge;

/** Deletes codes once they have been expired for {@code passport.codes.retention}. */
@Configuration(proxyBeanMethods = false)
class CodeRetention {

    @Bean
    PeriodicPurge expiredCodePurge(JdbcClient jdbc, CodeSettings settings) {
        return new PeriodicPurge("code-purge", settings.purgeInterval(), 1000,
                Map.of("expired verification codes", limit -> deleteExpired(jdbc, settings.retention(), limit)));
    }

    static int deleteExpired(JdbcClient jdbc, Duration retention, int limit) {
        return jdbc.sql("""
                DELETE FROM verification_code WHERE id IN (
                    SELECT id FROM verification_code
                    WHERE expires_at < now() - make_interval(secs => :ageSeconds)
                    LIMIT :limit)
                """)
                .param("ageSeconds", retention.toMillis() / 1000.0)
                .param("limit", limit)
                .update();
    }
}
