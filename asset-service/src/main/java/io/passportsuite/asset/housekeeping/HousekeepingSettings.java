package io.passportsuite.asset.housekeeping;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a file that stopped being an avatar is kept ({@code gracePeriod}: a client still
 * showing the old URL, or an avatar set back, finds it), how often the sweeper looks for files past
 * it, how many it deletes per round trip, and the consumer group reading passport's user events.
 */
@ConfigurationProperties("asset.housekeeping")
record HousekeepingSettings(
        @DefaultValue("24h") Duration gracePeriod,
        @DefaultValue("10m") Duration sweepInterval,
        @DefaultValue("100") int sweepBatchSize,
        @DefaultValue("asset-service-housekeeping") String consumerGroup) {

    HousekeepingSettings {
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("asset.housekeeping.grace-period must not be negative");
        }
        if (sweepInterval.isZero() || sweepInterval.isNegative()) {
            throw new IllegalArgumentException("asset.housekeeping.sweep-interval must be positive");
        }
        if (sweepBatchSize < 1) {
            throw new IllegalArgumentException("asset.housekeeping.sweep-batch-size must be positive");
        }
    }
}
