package org.yiwang.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 store against a local stub HTTP server that records each request and answers like S3: proves
 * the AWS SDK is wired for path-style URLs on a custom endpoint, SigV4-signs every request with the
 * configured key and region, and maps S3's NoSuchKey to {@link NoSuchFileException}. (A real
 * S3-compatible server is exercised by {@link S3rverFileStoreTest} when one is installed.)
 */
class S3FileStoreTest {

    record Seen(String method, String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst())
                    .findFirst().orElse(null);
        }
    }

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            seen.add(new Seen(ex.getRequestMethod(), path, Map.copyOf(ex.getRequestHeaders()), body));
            switch (ex.getRequestMethod()) {
                case "PUT" -> {
                    objects.put(path, body);
                    ex.getResponseHeaders().add("ETag", "\"etag\"");
                    ex.sendResponseHeaders(200, -1);
                }
                case "GET" -> {
                    byte[] data = objects.get(path);
                    if (data == null) {
                        byte[] err = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
                                + "<Message>The specified key does not exist.</Message></Error>").getBytes(StandardCharsets.UTF_8);
                        ex.getResponseHeaders().add("Content-Type", "application/xml");
                        ex.sendResponseHeaders(404, err.length);
                        ex.getResponseBody().write(err);
                    } else {
                        ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
                        ex.sendResponseHeaders(200, data.length);
                        ex.getResponseBody().write(data);
                    }
                }
                case "DELETE" -> {
                    objects.remove(path);
                    ex.sendResponseHeaders(204, -1);
                }
                default -> ex.sendResponseHeaders(405, -1);
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void putsGetsAndDeletesWithSignedPathStyleRequests(@TempDir Path tmp) throws Exception {
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        FilesProperties.S3 config = new FilesProperties.S3(endpoint, "cn-east-1", "yiwang-files", "AKIDEXAMPLE", "secret", true, "city/");
        byte[] data = TestFiles.png(4, 4);
        Path source = Files.write(tmp.resolve("f"), data);
        try (S3FileStore s3 = new S3FileStore(config)) {
            assertThat(s3.name()).isEqualTo("s3");
            s3.put("2026/03/01/abc", source, data.length, "image/png");

            Seen put = seen.getFirst();
            assertThat(put.method()).isEqualTo("PUT");
            assertThat(put.path()).isEqualTo("/yiwang-files/city/2026/03/01/abc");
            assertThat(put.body()).isEqualTo(data);
            assertThat(put.header("Content-Type")).isEqualTo("image/png");
            String auth = put.header("Authorization");
            assertThat(auth).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                    .contains("/cn-east-1/s3/aws4_request")
                    .contains("SignedHeaders=").contains("host").contains("x-amz-date")
                    .containsPattern("Signature=[0-9a-f]{64}$");
            assertThat(put.header("x-amz-date")).matches("\\d{8}T\\d{6}Z");
            assertThat(SigV4.expectedSignature(put, "secret", "cn-east-1")).isEqualTo(SigV4.providedSignature(put));
            // the whole payload is signed (no aws-chunked framing that S3-compatible servers may not decode)
            assertThat(put.header("x-amz-content-sha256")).isEqualTo(TestFiles.sha256(data));
            assertThat(put.header("Content-Encoding")).isNull();

            try (InputStream in = s3.open("2026/03/01/abc")) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
            assertThat(seen.get(1).method()).isEqualTo("GET");
            assertThat(SigV4.expectedSignature(seen.get(1), "secret", "cn-east-1")).isEqualTo(SigV4.providedSignature(seen.get(1)));
            // a different secret gives a different signature: the check above can fail
            assertThat(SigV4.expectedSignature(seen.get(1), "other", "cn-east-1")).isNotEqualTo(SigV4.providedSignature(seen.get(1)));

            s3.delete("2026/03/01/abc");
            assertThat(seen.getLast().method()).isEqualTo("DELETE");
            assertThatThrownBy(() -> s3.open("2026/03/01/abc")).isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void aBucketIsRequired() {
        assertThatThrownBy(() -> new S3FileStore(new FilesProperties.S3("http://127.0.0.1:1", "us-east-1", " ", "a", "b", true, "")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("bucket");
    }

    /** An independent AWS Signature Version 4 computation (per the AWS documentation) to check the SDK's signatures. */
    static final class SigV4 {

        static String providedSignature(Seen r) {
            String auth = r.header("Authorization");
            return auth.substring(auth.indexOf("Signature=") + "Signature=".length());
        }

        static String expectedSignature(Seen r, String secret, String region) throws Exception {
            String auth = r.header("Authorization");
            String signed = auth.substring(auth.indexOf("SignedHeaders=") + 14, auth.indexOf(',', auth.indexOf("SignedHeaders=")));
            StringBuilder canonicalHeaders = new StringBuilder();
            for (String h : signed.split(";")) {
                canonicalHeaders.append(h).append(':').append(r.header(h).trim().replaceAll(" +", " ")).append('\n');
            }
            String canonicalRequest = r.method() + "\n" + r.path() + "\n" + "" + "\n" + canonicalHeaders + "\n" + signed + "\n"
                    + r.header("x-amz-content-sha256");
            String amzDate = r.header("x-amz-date");
            String scope = amzDate.substring(0, 8) + "/" + region + "/s3/aws4_request";
            String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                    + TestFiles.sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8));
            byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
            key = hmac(key, region);
            key = hmac(key, "s3");
            key = hmac(key, "aws4_request");
            return java.util.HexFormat.of().formatHex(hmac(key, stringToSign));
        }

        private static byte[] hmac(byte[] key, String data) throws Exception {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        }
    }
}
