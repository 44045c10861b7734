package io.passportsuite.asset.storage;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The service's S3 client with every call the store makes passed on, whose store dies right after
 * the first part of the first upload in parts has been stored: a whole service can run on it.
 */
final class DyingMidUpload implements S3Client {

    private final S3Client s3;
    private final Runnable death;
    private volatile boolean dead;

    DyingMidUpload(S3Client s3, Runnable death) {
        this.s3 = s3;
        this.death = death;
    }

    @Override
    public UploadPartResponse uploadPart(UploadPartRequest request, RequestBody body) {
        UploadPartResponse response = s3.uploadPart(request, body);
        if (!dead) {
            dead = true;
            death.run();
        }
        return response;
    }

    @Override
    public CreateMultipartUploadResponse createMultipartUpload(CreateMultipartUploadRequest request) {
        return s3.createMultipartUpload(request);
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(CompleteMultipartUploadRequest request) {
        return s3.completeMultipartUpload(request);
    }

    @Override
    public AbortMultipartUploadResponse abortMultipartUpload(AbortMultipartUploadRequest request) {
        return s3.abortMultipartUpload(request);
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        return s3.putObject(request, body);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
        return s3.getObject(request);
    }

    @Override
    public <T> T getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
        return s3.getObject(request, transformer);
    }

    @Override
    public DeleteObjectResponse deleteObject(DeleteObjectRequest request) {
        return s3.deleteObject(request);
    }

    @Override
    public HeadBucketResponse headBucket(HeadBucketRequest request) {
        return s3.headBucket(request);
    }

    @Override
    public CreateBucketResponse createBucket(CreateBucketRequest request) {
        return s3.createBucket(request);
    }

    @Override
    public String serviceName() {
        return s3.serviceName();
    }

    @Override
    public void close() {
        s3.close();
    }
}
