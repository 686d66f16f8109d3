package org.yiwang.files;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the files module ({@code yiwang.files.*}).
 *
 * @param maxSize      largest accepted upload (default 10MB; keep {@code spring.servlet.multipart.max-file-size} above it)
 * @param allowedTypes media types accepted, as detected from the content; {@code application/ofd} means a ZIP
 *                     container named {@code *.ofd} that holds {@code OFD.xml} (GB/T 33190)
 * @param store        {@code local} (default) or {@code s3}
 * @param localDir     directory of the local store; default {@code ${yiwang.home}/files}
 * @param s3           the S3-compatible store, used when {@code store=s3}
 */
@ConfigurationProperties("yiwang.files")
public record FilesProperties(@DefaultValue("10MB") DataSize maxSize,
                              @DefaultValue({"image/jpeg", "image/png", "application/pdf", "application/ofd", "video/mp4"}) List<String> allowedTypes,
                              @DefaultValue("local") String store,
                              String localDir,
                              @DefaultValue S3 s3) {

    /**
     * @param endpoint  e.g. {@code https://oss.example.gov.cn} or {@code http://127.0.0.1:9000}; empty for AWS itself
     * @param region    signing region (any value for most S3-compatible servers)
     * @param bucket    bucket name (must exist)
     * @param accessKey access key id; empty to use the SDK's default credential chain
     * @param secretKey secret access key
     * @param pathStyle path-style URLs ({@code endpoint/bucket/key}), needed by most S3-compatible servers
     * @param prefix    key prefix inside the bucket, e.g. {@code yiwang/}
     */
    public record S3(String endpoint, @DefaultValue("us-east-1") String region, String bucket, String accessKey,
                     String secretKey, @DefaultValue("true") boolean pathStyle, @DefaultValue("") String prefix) {
    }
}
