package org.yiwang.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/** The files API over HTTP with real sign-in: upload checks, download headers, 404 for everyone not allowed. */
class FilesHttpTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Upload(int status, JsonNode json, String body, String location) {
        boolean namesField(String field) {
            for (JsonNode e : json.path("errors")) {
                if (field.equals(e.path("field").asString())) {
                    return true;
                }
            }
            return false;
        }
    }

    private Upload upload(String user, String partName, String fileName, byte[] content, String purpose) throws Exception {
        String boundary = "----yiwang" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (content != null) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName + "\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        if (purpose != null) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/files"))
                .header("Authorization", "Bearer " + Api.as(baseUrl(), user).token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Upload(r.statusCode(), Api.JSON.readTree(r.body().isBlank() ? "{}" : r.body()), r.body(),
                r.headers().firstValue("Location").orElse(null));
    }

    private HttpResponse<byte[]> download(String user, String id) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/files/" + id))
                .header("Authorization", "Bearer " + Api.as(baseUrl(), user).token()).GET().build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void citizenUploadsAPngAndOnlyTheOwnerCanDownloadIt() throws Exception {
        byte[] png = TestFiles.png(16, 16);
        Upload up = upload("demo-citizen", "file", "身份证正面.png", png, "application-material");
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        String id = up.json().get("id").asString();
        assertThat(up.json().get("sha256").asString()).isEqualTo(TestFiles.sha256(png));
        assertThat(up.json().get("contentType").asString()).isEqualTo("image/png");
        assertThat(up.json().get("size").asLong()).isEqualTo(png.length);
        assertThat(up.location()).endsWith("/api/v1/files/" + id + "/meta");

        HttpResponse<byte[]> own = download("demo-citizen", id);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).isEqualTo(png);
        assertThat(own.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(own.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("image/png"));
        assertThat(own.headers().firstValue("Content-Disposition")).hasValueSatisfying(cd ->
                assertThat(cd).startsWith("attachment;").contains("filename*=UTF-8''%E8%BA%AB%E4%BB%BD%E8%AF%81"));
        Api.Response meta = Api.as(baseUrl(), "demo-citizen").get("/api/v1/files/" + id + "/meta");
        assertThat(meta.status()).isEqualTo(200);
        assertThat(meta.get("ownerId").asString()).isEqualTo(Api.as(baseUrl(), "demo-citizen").get("/api/v1/me").get("id").asString());
        assertThat(Api.as(baseUrl(), "demo-citizen").get("/api/v1/files/" + id + "/verify").get("ok").asBoolean()).isTrue();

        // another account, an officer without a grant, an officer of the other district: 404, as for a file that does not exist
        Api.Response missing = Api.as(baseUrl(), "demo-enterprise").get("/api/v1/files/" + UUID.randomUUID() + "/meta");
        assertThat(missing.status()).isEqualTo(404);
        for (String user : new String[] {"demo-enterprise", "demo-officer", "demo-officer-xishan"}) {
            assertThat(download(user, id).statusCode()).as(user).isEqualTo(404);
            Api.Response m = Api.as(baseUrl(), user).get("/api/v1/files/" + id + "/meta");
            assertThat(m.status()).as(user).isEqualTo(404);
            assertThat(m.problemCode()).isEqualTo(missing.problemCode());
            assertThat(m.get("messageEn").asString()).isEqualTo("File not found: " + id);
        }
        assertThat(Api.anonymous(baseUrl()).get("/api/v1/files/" + id + "/meta").status()).isEqualTo(401);
    }

    @Test
    void badUploadsAreProblemsNamingTheFile() throws Exception {
        Upload exe = upload("demo-citizen", "file", "photo.png", TestFiles.exe(), null);
        assertThat(exe.status()).isEqualTo(400);
        assertThat(exe.namesField("file")).as(exe.body()).isTrue();

        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(TestFiles.png(2, 2), 0, big, 0, 8);
        Upload tooBig = upload("demo-citizen", "file", "big.png", big, null);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.namesField("file")).as(tooBig.body()).isTrue();

        // beyond the servlet multipart limit (spring.servlet.multipart.max-file-size, 20MB) as well
        Upload huge = upload("demo-citizen", "file", "huge.png", new byte[21 * 1024 * 1024], null);
        assertThat(huge.status()).as(huge.body()).isEqualTo(413);
        assertThat(huge.namesField("file")).as(huge.body()).isTrue();

        Upload empty = upload("demo-citizen", "file", "empty.png", new byte[0], null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.namesField("file")).as(empty.body()).isTrue();

        Upload none = upload("demo-citizen", "file", null, null, "x");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.namesField("file")).as(none.body()).isTrue();

        Upload badPurpose = upload("demo-citizen", "file", "a.png", TestFiles.png(2, 2), "../etc");
        assertThat(badPurpose.status()).isEqualTo(400);
        assertThat(badPurpose.namesField("purpose")).as(badPurpose.body()).isTrue();
    }

    @Test
    void anOfficersUploadIsVisibleWithinTheDistrictOnly() throws Exception {
        Upload up = upload("demo-clerk", "file", "现场照片.png", TestFiles.png(8, 8), null);
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        String id = up.json().get("id").asString();
        assertThat(up.json().get("regionCode").asString()).startsWith("339902");
        assertThat(download("demo-clerk", id).statusCode()).isEqualTo(200);
        assertThat(download("demo-officer-xishan", id).statusCode()).isEqualTo(404);
        assertThat(download("demo-citizen", id).statusCode()).isEqualTo(404);
        assertThat(download("demo-admin", id).statusCode()).isEqualTo(200);
    }
}
