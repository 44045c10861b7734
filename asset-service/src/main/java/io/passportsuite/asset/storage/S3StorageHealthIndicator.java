package io.passportsuite.asset.storage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Up while the bucket answers; shown as {@code s3Storage} in the health endpoint. */
class S3StorageHealthIndicator implements HealthIndicator {

    private final S3ObjectStore store;

    S3StorageHealthIndicator(S3ObjectStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        try {
            store.checkBucket();
            return Health.up().withDetail("bucket", store.bucket()).build();
        } catch (StorageUnavailable e) {
            return Health.down().withDetail("bucket", store.bucket()).withDetail("error", e.getMessage()).build();
        }
    }
}
