package io.passportsuite.asset.storage;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Keeps files in one bucket of S3 or of any S3-compatible server. Small files go up in one request;
 * larger ones in parts, so a file never has to fit in memory and a failure part-way is cleaned up
 * rather than left as an upload the bucket keeps (and bills) until someone aborts it.
 *
 * <p>Every failure of the store, of the connection or of the credentials is a
 * {@link StorageUnavailable}: to the caller they all mean the same, answer 503 and record nothing.
 */
class S3ObjectStore implements ObjectStore {

    private static final Logger log = LoggerFactory.getLogger(S3ObjectStore.class);

    private final S3Client s3;
    private final String bucket;
    private final long partSize;

    S3ObjectStore(S3Client s3, String bucket, long partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    String bucket() {
        return bucket;
    }

    @Override
    public void put(String key, Path source, long size, String contentType) {
        if (size <= partSize) {
            putWhole(key, source, size, contentType);
        } else {
            putInParts(key, source, size, contentType);
        }
    }

    private void putWhole(String key, Path source, long size, String contentType) {
        try {
            s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType).contentLength(size),
                    RequestBody.fromContentProvider(() -> FileSlice.open(source, 0, size, true), size, contentType));
        } catch (SdkException | UncheckedIOException e) {
            // A file that cannot be read ends the same way: nothing stored, nothing to record.
            throw new StorageUnavailable("could not store " + key + " in bucket " + bucket, e);
        }
    }

    private void putInParts(String key, Path source, long size, String contentType) {
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(contentType)).uploadId();
        } catch (SdkException e) {
            throw new StorageUnavailable("could not start storing " + key + " in bucket " + bucket, e);
        }
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long offset = 0; offset < size; offset += partSize) {
                parts.add(uploadPart(key, uploadId, parts.size() + 1, source, offset, Math.min(partSize, size - offset), size));
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts)));
        } catch (RuntimeException e) {
            abort(key, uploadId, e);
            throw new StorageUnavailable("could not store " + key + " in bucket " + bucket, e);
        }
    }

    private CompletedPart uploadPart(String key, String uploadId, int number, Path source, long offset, long length, long size) {
        boolean last = offset + length == size;
        String eTag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number).contentLength(length),
                RequestBody.fromContentProvider(() -> FileSlice.open(source, offset, length, last), length, "application/octet-stream"))
                .eTag();
        return CompletedPart.builder().partNumber(number).eTag(eTag).build();
    }

    /** Best effort: when even the abort fails, the bucket's lifecycle rule for incomplete uploads is the backstop. */
    private void abort(String key, String uploadId, RuntimeException failure) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            failure.addSuppressed(e);
            log.warn("Could not abort the upload {} of {} in bucket {}; it stays until the bucket's lifecycle rule removes it",
                    uploadId, key, bucket, e);
        }
    }

    @Override
    public Optional<StoredObject> open(String key) {
        try {
            ResponseInputStream<GetObjectResponse> content = s3.getObject(r -> r.bucket(bucket).key(key));
            return Optional.of(new StoredObject(content, content.response().contentLength()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new StorageUnavailable("could not read " + key + " from bucket " + bucket, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            // S3 answers 204 for a missing key; some compatible servers answer 404 instead.
        } catch (SdkException e) {
            throw new StorageUnavailable("could not delete " + key + " from bucket " + bucket, e);
        }
    }

    /** Throws {@link StorageUnavailable} unless the bucket exists and these credentials reach it. */
    void checkBucket() {
        try {
            s3.headBucket(r -> r.bucket(bucket));
        } catch (SdkException e) {
            throw new StorageUnavailable("bucket " + bucket + " cannot be reached", e);
        }
    }

    /**
     * Creates the bucket when it does not exist. A store that cannot be reached at start is logged,
     * not fatal: the service still starts, answers 503 for files and reports the store down.
     */
    void createBucketIfMissing() {
        try {
            s3.headBucket(r -> r.bucket(bucket));
        } catch (NoSuchBucketException e) {
            create();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                create();
            } else {
                log.warn("Could not check bucket {}; files answer 503 until it can be reached", bucket, e);
            }
        } catch (SdkException e) {
            log.warn("Could not check bucket {}; files answer 503 until it can be reached", bucket, e);
        }
    }

    private void create() {
        try {
            s3.createBucket(r -> r.bucket(bucket));
            log.info("Created bucket {}", bucket);
        } catch (SdkException e) {
            log.warn("Could not create bucket {}; files answer 503 until it exists", bucket, e);
        }
    }
}
