package io.passportsuite.admin.activity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code retention}: how long a user's activity is kept, counted from when it happened;
 * {@code purgeInterval}: how often older rows are deleted.
 */
@ConfigurationProperties("admin.activity")
record ActivitySettings(@DefaultValue("90d") Duration retention, @DefaultValue("1h") Duration purgeInterval) {

    ActivitySettings {
        if (retention.isZero() || retention.isNegative()) {
            throw new IllegalArgumentException("admin.activity.retention must be positive");
        }
    }
}
