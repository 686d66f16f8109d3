package org.yiwang.reliability;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.imageio.ImageIO;

import org.yiwang.shared.ids.ChineseIds;
import org.yiwang.support.Api;

/** Shared helpers of the reliability and security checks: fresh citizens, PNG bytes, multipart uploads. */
final class Fixtures {

    static final String PASSWORD = "Strong#Pass2026";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private Fixtures() {
    }

    /** A fresh valid 东湖区 resident ID number (sequence 7xx, which neither the demo data nor other tests use). */
    static String freshIdNumber() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String birth = LocalDate.of(1940, 1, 1).plusDays(r.nextInt(20_000)).format(DateTimeFormatter.BASIC_ISO_DATE);
        String first17 = "339902" + birth + (700 + r.nextInt(100));
        return first17 + ChineseIds.residentIdCheckChar(first17);
    }

    /** Registers a citizen through the public API and returns the username (password {@link #PASSWORD}). */
    static String newCitizen(String baseUrl, String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> m = new HashMap<>();
        m.put("username", username);
        m.put("password", PASSWORD);
        m.put("name", "许文清");
        m.put("idNumber", freshIdNumber());
        m.put("phone", "13812345670");
        Api.Response r = Api.anonymous(baseUrl).post("/api/v1/citizens", m);
        if (r.status() != 201) {
            throw new AssertionError("registration failed: " + r);
        }
        return username;
    }

    static byte[] png(int rgb) {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, rgb);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** A multipart upload to {@code /api/v1/files} with a bearer token (null = anonymous) and extra text fields. */
    static Api.Response upload(String baseUrl, String token, String fileName, String contentType, byte[] content,
                               Map<String, String> fields) {
        String boundary = "----yiwang" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v
                + "\r\n").getBytes(StandardCharsets.UTF_8)));
        if (content != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/files")).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    /** Sends a raw request and wraps the answer as an {@link Api.Response}. */
    static Api.Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            tools.jackson.databind.JsonNode json;
            try {
                json = r.body() == null || r.body().isBlank() ? tools.jackson.databind.node.MissingNode.getInstance() : Api.JSON.readTree(r.body());
            } catch (RuntimeException e) {
                json = tools.jackson.databind.node.MissingNode.getInstance();
            }
            return new Api.Response(r.statusCode(), r.body(), json, r.headers());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
