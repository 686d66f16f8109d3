package org.yiwang.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Files in an S3-compatible object store (AWS S3, MinIO, Aliyun OSS / Huawei OBS S3 endpoints, …) through
 * the AWS SDK v2 with the JDK's URL-connection HTTP client. Checksums are sent only when an operation
 * requires them, since many S3-compatible servers reject the SDK's newer default trailing checksums, and
 * payloads are signed whole rather than in aws-chunked encoding.
 */
class S3FileStore implements FileStore, AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3FileStore(FilesProperties.S3 config) {
        this(client(config), config.bucket(), config.prefix());
    }

    S3FileStore(S3Client s3, String bucket, String prefix) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("yiwang.files.s3.bucket must be set when yiwang.files.store=s3");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
    }

    static S3Client client(FilesProperties.S3 config) {
        AwsCredentialsProvider credentials = config.accessKey() == null || config.accessKey().isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
        S3ClientBuilder b = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // sign the whole payload instead of aws-chunked streaming signatures, which several S3-compatible
                // servers do not decode (they would store the chunk framing as part of the object)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
        if (config.endpoint() != null && !config.endpoint().isBlank()) {
            b.endpointOverride(URI.create(config.endpoint()));
        }
        return b.build();
    }

    @Override
    public String name() {
        return "s3";
    }

    private String objectKey(String key) {
        return prefix + key;
    }

    @Override
    public void put(String key, Path source, long size, String contentType) throws IOException {
        try {
            s3.putObject(r -> r.bucket(bucket).key(objectKey(key)).contentType(contentType).contentLength(size),
                    RequestBody.fromFile(source));
        } catch (SdkException e) {
            throw new IOException("S3 put failed: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(r -> r.bucket(bucket).key(objectKey(key)));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (SdkException e) {
            throw new IOException("S3 get failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(objectKey(key)));
        } catch (SdkException e) {
            throw new IOException("S3 delete failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
