package org.yiwang.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/** The public 办事指南 pages work without signing in; the form preview reports schema errors per field. */
class ServicePagesTest extends IntegrationTest {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept-Language", "zh-CN").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void guidePagesArePublicAndPreviewValidatesTheForm() throws Exception {
        HttpResponse<String> search = get("/services?q=" + URLEncoder.encode("开公司", StandardCharsets.UTF_8));
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains("<em>企业</em><em>设立</em>登记", "办事指南", "示例市市场监督管理局");
        HttpResponse<String> zone = get("/services?zone=BIRTH");
        assertThat(zone.body()).contains("出生医学证明").doesNotContain("道路货物运输经营许可");

        String id = Api.anonymous(baseUrl()).get("/api/v1/services?q=%E5%87%BA%E7%94%9F%E7%99%BB%E8%AE%B0").json().get(0).get("id").asString();
        HttpResponse<String> guide = get("/services/" + id);
        assertThat(guide.statusCode()).isEqualTo(200);
        assertThat(guide.body()).contains("出生登记", "在线填报预览", "免提交", "户口登记条例", "type=\"date\"", "<select");

        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(guide.body());
        assertThat(csrf.find()).isTrue();
        String form = "_csrf=" + csrf.group(1) + "&applicantName=" + URLEncoder.encode("张明华", StandardCharsets.UTF_8)
                + "&idNumber=123&phone=13800000001&babyName=x&birthDate=2026-01-05";
        HttpResponse<String> preview = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/services/" + id + "/preview"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "zh-CN")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        assertThat(preview.body()).contains("请修改标出的字段");
        // idNumber breaks its pattern, sex is missing: both reported beside their inputs
        assertThat(Pattern.compile("id=\"f-idNumber\"[\\s\\S]*?class=\"error\"").matcher(preview.body()).find()).isTrue();
        assertThat(Pattern.compile("id=\"f-sex\"[\\s\\S]*?class=\"error\"").matcher(preview.body()).find()).isTrue();
        assertThat(get("/admin/services").statusCode()).isIn(302, 401, 403);
    }
}
