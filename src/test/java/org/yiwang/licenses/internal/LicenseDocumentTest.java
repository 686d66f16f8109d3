package org.yiwang.licenses.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import org.yiwang.licenses.HolderKind;
import org.yiwang.licenses.License;
import org.yiwang.licenses.LicenseStatus;
import org.yiwang.licenses.LicenseType;
import org.yiwang.shared.ids.ElectronicLicenseIds;

/** The PDF renderer with and without a CJK font: Chinese text when a font is there, a Latin fallback that does not fail otherwise. */
class LicenseDocumentTest {

    private static final String WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
    private final String id = ElectronicLicenseIds.format("11339900MB0001002W001", "11339902MB00020021", "00000042", "001");
    private final LicenseType type = new LicenseType("11339900MB0001002W001", "营业执照", "Business licence", "DISTRICT",
            HolderKind.LEGAL_ENTITY, List.of(new LicenseType.Field("address", "住所", "Address", true)), null);
    private final License license = new License(id, type.code(), "营业执照", "dh-amr", "东湖区市场监督管理局", "11339902MB00020021",
            HolderKind.LEGAL_ENTITY, "示例科技有限公司", "91339902MA2YW0001P", null, "339902000000",
            Map.of("address", "示例市东湖区文华街道科创路 88 号 (Building 3)"), LocalDate.of(2026, 1, 5), null,
            Instant.parse("2026-01-05T02:00:00Z"), LicenseStatus.REVOKED, Instant.parse("2026-02-01T02:00:00Z"), "test", null);
    private final LicenseDocument.Extras extras = new LicenseDocument.Extras("91339902MA2YW0001P",
            "https://gov.example/licenses/verify/" + id, "MEUCIQ" + "A".repeat(90), "ab".repeat(32));

    @Test
    void withoutACjkFontTheDocumentFallsBackToLatinText() throws Exception {
        LicenseDocument renderer = new LicenseDocument("", List.of());
        assertThat(renderer.hasCjkFont()).isFalse();
        try (PDDocument pdf = Loader.loadPDF(renderer.render(license, type, extras))) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Business licence", id, "91339902MA2YW0001P", "REVOKED", "(Building 3)", "no CJK font");
            assertThat(text).doesNotContain("营业执照");
        }
    }

    @Test
    void withACjkFontTheChineseTextIsRendered() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new File(WQY).canRead(), "fonts-wqy-microhei not installed");
        LicenseDocument renderer = new LicenseDocument(WQY, List.of());
        assertThat(renderer.hasCjkFont()).isTrue();
        try (PDDocument pdf = Loader.loadPDF(renderer.render(license, type, extras))) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("营业执照", "示例科技有限公司", "东湖区市场监督管理局", "已撤销", "住所", id);
        }
    }
}
