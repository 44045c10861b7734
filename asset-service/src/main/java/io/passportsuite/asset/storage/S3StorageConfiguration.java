package io.passportsuite.asset.storage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The S3 store, chosen with {@code asset.storage.type=s3}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "asset.storage.type", havingValue = "s3")
@EnableConfigurationProperties(S3StorageSettings.class)
class S3StorageConfiguration {

    @Bean
    S3Client assetS3Client(S3StorageSettings settings) {
        return client(settings);
    }

    @Bean
    S3ObjectStore s3ObjectStore(S3Client assetS3Client, S3StorageSettings settings) {
        S3ObjectStore store = new S3ObjectStore(assetS3Client, settings.bucket(), settings.partSize().toBytes());
        if (settings.createBucket()) {
            store.createBucketIfMissing();
        }
        return store;
    }

    @Bean
    S3StorageHealthIndicator s3StorageHealthIndicator(S3ObjectStore s3ObjectStore) {
        return new S3StorageHealthIndicator(s3ObjectStore);
    }

    static S3Client client(S3StorageSettings settings) {
        settings.requireUsable();
        S3ClientBuilder builder = S3Client.builder()
                // The JDK's HTTP client: no connection pool to tune, and a short connect timeout so
                // an unreachable store answers in seconds, not after the operating system gives up.
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.readTimeout()))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(settings.maxAttempts())))
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings))
                // Checksums only where S3 requires them: the CRC trailers the SDK adds by default
                // are not understood by every S3-compatible server.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3StorageSettings settings) {
        if (settings.hasStaticCredentials()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
