package io.passportsuite.asset.storage;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the S3 store keeps files, used when {@code asset.storage.type} is {@code s3}.
 *
 * @param endpoint the service's address for an S3-compatible server (MinIO, Ceph, ...); none for AWS itself
 * @param region the bucket's region; S3-compatible servers mostly accept any
 * @param bucket the bucket every file goes to
 * @param accessKey with {@code secretKey}, fixed credentials; without them the SDK's default chain
 *        (environment, profile, container or instance role) is asked
 * @param secretKey see {@code accessKey}
 * @param pathStyle addresses the bucket in the path ({@code endpoint/bucket/key}) rather than as a
 *        host name: what most S3-compatible servers expect
 * @param partSize files larger than this go up in parts of this size (S3 needs at least 5 MiB a part)
 * @param connectTimeout how long to wait for a connection before the store counts as unreachable
 * @param readTimeout how long the store may stay silent on an open connection
 * @param maxAttempts tries of one call, the first included, before the store counts as unavailable
 * @param createBucket creates the bucket at start when it is missing; for development servers,
 *        since a production bucket comes with its own policies
 */
@ConfigurationProperties("asset.storage.s3")
record S3StorageSettings(
        URI endpoint,
        @DefaultValue("us-east-1") String region,
        String bucket,
        String accessKey,
        String secretKey,
        @DefaultValue("false") boolean pathStyle,
        @DefaultValue("8MB") DataSize partSize,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("false") boolean createBucket) {

    /** The smallest part S3 accepts, the last one aside. */
    static final DataSize MIN_PART_SIZE = DataSize.ofMegabytes(5);

    /**
     * Checked when the S3 store is built, not on binding: the settings may be bound while another
     * store is in use, and must not stop that service from starting.
     */
    void requireUsable() {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("asset.storage.s3.bucket is required when asset.storage.type is s3");
        }
        if ((accessKey == null || accessKey.isBlank()) != (secretKey == null || secretKey.isBlank())) {
            throw new IllegalStateException("asset.storage.s3.access-key and secret-key go together: give both or neither");
        }
        if (partSize.compareTo(MIN_PART_SIZE) < 0) {
            throw new IllegalStateException("asset.storage.s3.part-size must be at least 5MB, the smallest part S3 accepts");
        }
        if (maxAttempts < 1) {
            throw new IllegalStateException("asset.storage.s3.max-attempts must be at least 1");
        }
    }

    boolean hasStaticCredentials() {
        return accessKey != null && !accessKey.isBlank();
    }
}
