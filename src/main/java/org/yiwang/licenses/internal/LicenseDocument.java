package org.yiwang.licenses.internal;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.util.Matrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import org.yiwang.licenses.License;
import org.yiwang.licenses.LicenseStatus;
import org.yiwang.licenses.LicenseType;

/**
 * Renders a license as a PDF (PDFBox): the 照面信息, the issuing department's electronic seal (电子印章: the red seal
 * drawn with the department's name, plus the SM2 signature and SM3 digest printed beneath it) and a QR code to the
 * public verify page. Chinese text needs a CJK TrueType font: {@code yiwang.licenses.font} or the first of the usual
 * Debian fonts found (WenQuanYi, Droid Sans Fallback, AR PL); without one, labels are English and characters the
 * standard Helvetica cannot show are replaced by '?' (logged once).
 */
@Component
class LicenseDocument {

    private static final Logger log = LoggerFactory.getLogger(LicenseDocument.class);
    private static final List<String> FONT_CANDIDATES = List.of(
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", "/usr/share/fonts/truetype/arphic/uming.ttc",
            "/usr/share/fonts/truetype/arphic/ukai.ttc");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final String configuredFont;
    private final List<String> systemFonts;
    private final AtomicReference<String> fontFile = new AtomicReference<>();
    private volatile boolean fontLookedUp;

    @org.springframework.beans.factory.annotation.Autowired
    LicenseDocument(@Value("${yiwang.licenses.font:}") String configuredFont) {
        this(configuredFont, FONT_CANDIDATES);
    }

    /** With explicit system font candidates (an empty list exercises the Latin fallback). */
    LicenseDocument(String configuredFont, List<String> systemFonts) {
        this.configuredFont = configuredFont;
        this.systemFonts = List.copyOf(systemFonts);
    }

    /** What the document shows besides the license itself. */
    record Extras(String holderIdentifier, String verifyUrl, String signatureBase64, String digest) {
    }

    /** True when a CJK font was found (Chinese text is rendered); false in the Latin fallback. */
    boolean hasCjkFont() {
        return cjkFontFile() != null;
    }

    byte[] render(License l, LicenseType type, Extras extras) {
        List<TrueTypeCollection> open = new ArrayList<>();
        try (PDDocument doc = new PDDocument()) {
            PDFont font = loadFont(doc, open);
            boolean cjk = font != null;
            PDFont latin = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDFont bold = cjk ? font : new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDFont text = cjk ? font : latin;
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(l.typeName() + " " + l.id());
            info.setCreator("yiwang licenses");
            info.setSubject(l.id());
            float w = page.getMediaBox().getWidth();
            float h = page.getMediaBox().getHeight();
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                // frame
                cs.setStrokingColor(0.70f, 0.55f, 0.25f);
                cs.setLineWidth(3f);
                cs.addRect(28, 28, w - 56, h - 56);
                cs.stroke();
                cs.setLineWidth(0.8f);
                cs.addRect(36, 36, w - 72, h - 72);
                cs.stroke();

                cs.setNonStrokingColor(0f, 0f, 0f);
                String title = cjk ? l.typeName() : type.nameEn();
                centered(cs, bold, 26, title, w / 2, h - 100, cjk);
                if (cjk) {
                    centered(cs, latin, 11, type.nameEn(), w / 2, h - 122, false);
                }
                if (l.status() == LicenseStatus.REVOKED) {
                    cs.setNonStrokingColor(0.8f, 0f, 0f);
                    centered(cs, bold, 16, cjk ? "已撤销 REVOKED" : "REVOKED", w / 2, h - 145, cjk);
                    cs.setNonStrokingColor(0f, 0f, 0f);
                }
                write(cs, latin, 9, "ID: " + l.id(), 60, h - 170, false);

                List<String[]> rows = new ArrayList<>();
                rows.add(new String[]{cjk ? "持证主体" : "Holder", l.holderName()});
                rows.add(new String[]{cjk ? (l.holderKind().name().equals("PERSON") ? "公民身份号码" : "统一社会信用代码")
                        : (l.holderKind().name().equals("PERSON") ? "ID number" : "Credit code"), extras.holderIdentifier()});
                for (LicenseType.Field f : type.fields()) {
                    String v = l.data().get(f.key());
                    if (v != null) {
                        rows.add(new String[]{cjk ? f.label() : f.labelEn(), v});
                    }
                }
                rows.add(new String[]{cjk ? "有效期" : "Valid", DAY.format(l.validFrom()) + " - "
                        + (l.validUntil() == null ? (cjk ? "长期" : "long-term") : DAY.format(l.validUntil()))});
                rows.add(new String[]{cjk ? "颁发机构" : "Issuer", l.issuerName()});
                rows.add(new String[]{cjk ? "颁发日期" : "Issued", DAY.format(l.issuedAt().atZone(LicenseService.ZONE))});
                float y = h - 215;
                for (String[] row : rows) {
                    write(cs, bold, 12, row[0], 70, y, cjk);
                    for (String part : wrap(row[1], 34)) {
                        write(cs, text, 12, part, 190, y, cjk);
                        y -= 18;
                    }
                    y -= 8;
                }

                // seal (电子印章), bottom right
                drawSeal(cs, text, cjk, l.issuerName(), w - 170, 215);
                // QR code to the verify page, bottom left
                drawQr(cs, extras.verifyUrl(), 70, 110, 120);
                write(cs, latin, 7, extras.verifyUrl(), 70, 98, false);
                write(cs, latin, 7, "SM3 " + extras.digest(), 70, 86, false);
                List<String> sig = wrap("SM2 " + extras.signatureBase64(), 110);
                float sy = 74;
                for (String s : sig) {
                    write(cs, latin, 6, s, 70, sy, false);
                    sy -= 8;
                }
                if (!cjk) {
                    write(cs, latin, 7, "(no CJK font installed: Chinese text shown as '?')", w - 300, 98, false);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (TrueTypeCollection c : open) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // read-only font file
                }
            }
        }
    }

    private void drawSeal(PDPageContentStream cs, PDFont font, boolean cjk, String issuer, float cx, float cy) throws IOException {
        float r = 62;
        cs.saveGraphicsState();
        cs.setStrokingColor(0.85f, 0.05f, 0.05f);
        cs.setNonStrokingColor(0.85f, 0.05f, 0.05f);
        cs.setLineWidth(3.5f);
        circle(cs, cx, cy, r);
        cs.stroke();
        star(cs, cx, cy, 17);
        cs.fill();
        String name = cjk ? issuer : "SEAL";
        int n = name.length();
        float span = (float) Math.toRadians(Math.min(250, 22 * n));
        float fontSize = n > 12 ? 10 : 12;
        for (int i = 0; i < n; i++) {
            double angle = Math.PI / 2 + span / 2 - (n == 1 ? span / 2 : span * i / (n - 1));
            float x = cx + (float) ((r - 16) * Math.cos(angle));
            float y = cy + (float) ((r - 16) * Math.sin(angle));
            cs.beginText();
            cs.setFont(font, fontSize);
            cs.setTextMatrix(Matrix.getRotateInstance(angle - Math.PI / 2, x - fontSize / 2 * (float) Math.cos(angle - Math.PI / 2),
                    y - fontSize / 2 * (float) Math.sin(angle - Math.PI / 2)));
            cs.showText(safe(font, name.substring(i, i + 1), cjk));
            cs.endText();
        }
        String bottom = cjk ? "电子印章" : "e-seal";
        cs.beginText();
        cs.setFont(font, 9);
        float bw = width(font, bottom, 9, cjk);
        cs.newLineAtOffset(cx - bw / 2, cy - 36);
        cs.showText(safe(font, bottom, cjk));
        cs.endText();
        cs.restoreGraphicsState();
    }

    private static void circle(PDPageContentStream cs, float cx, float cy, float r) throws IOException {
        float k = 0.552284749831f * r;
        cs.moveTo(cx + r, cy);
        cs.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
        cs.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
        cs.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
        cs.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
        cs.closePath();
    }

    private static void star(PDPageContentStream cs, float cx, float cy, float r) throws IOException {
        for (int i = 0; i < 10; i++) {
            double a = Math.PI / 2 + i * Math.PI / 5;
            float rr = i % 2 == 0 ? r : r * 0.38f;
            float x = cx + (float) (rr * Math.cos(a));
            float y = cy + (float) (rr * Math.sin(a));
            if (i == 0) {
                cs.moveTo(x, y);
            } else {
                cs.lineTo(x, y);
            }
        }
        cs.closePath();
    }

    private static void drawQr(PDPageContentStream cs, String url, float x, float y, float size) throws IOException {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 1));
        } catch (WriterException e) {
            throw new IllegalStateException("QR code", e);
        }
        float cell = size / m.getWidth();
        cs.setNonStrokingColor(0f, 0f, 0f);
        for (int row = 0; row < m.getHeight(); row++) {
            for (int col = 0; col < m.getWidth(); col++) {
                if (m.get(col, row)) {
                    cs.addRect(x + col * cell, y + (m.getHeight() - 1 - row) * cell, cell, cell);
                }
            }
        }
        cs.fill();
    }

    private static List<String> wrap(String s, int max) {
        List<String> out = new ArrayList<>();
        String v = s == null ? "" : s;
        while (v.length() > max) {
            out.add(v.substring(0, max));
            v = v.substring(max);
        }
        out.add(v);
        return out;
    }

    private static void write(PDPageContentStream cs, PDFont font, float size, String s, float x, float y, boolean cjk) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(safe(font, s, cjk));
        cs.endText();
    }

    private static void centered(PDPageContentStream cs, PDFont font, float size, String s, float cx, float y, boolean cjk) throws IOException {
        write(cs, font, size, s, cx - width(font, s, size, cjk) / 2, y, cjk);
    }

    private static float width(PDFont font, String s, float size, boolean cjk) throws IOException {
        return font.getStringWidth(safe(font, s, cjk)) / 1000 * size;
    }

    /** The text with every character the font cannot encode replaced by '?'. */
    static String safe(PDFont font, String s, boolean cjk) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                sb.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                sb.append('?');
            }
        });
        return sb.toString();
    }

    private PDFont loadFont(PDDocument doc, List<TrueTypeCollection> open) {
        String file = cjkFontFile();
        if (file == null) {
            return null;
        }
        try {
            if (file.endsWith(".ttc")) {
                TrueTypeCollection ttc = new TrueTypeCollection(new File(file));
                open.add(ttc);
                AtomicReference<TrueTypeFont> first = new AtomicReference<>();
                ttc.processAllFonts(f -> first.compareAndSet(null, f));
                // the collection stays open until the document is saved (subsetting reads it), then render() closes it
                return PDType0Font.load(doc, first.get(), true);
            }
            return PDType0Font.load(doc, new File(file));
        } catch (IOException | RuntimeException e) {
            log.warn("CJK font {} cannot be used ({}); license documents fall back to Latin text", file, e.toString());
            fontFile.set(null);
            return null;
        }
    }

    private String cjkFontFile() {
        if (!fontLookedUp) {
            List<String> candidates = new ArrayList<>();
            if (configuredFont != null && !configuredFont.isBlank()) {
                candidates.add(configuredFont);
            }
            candidates.addAll(systemFonts);
            fontFile.set(candidates.stream().filter(p -> new File(p).canRead()).findFirst().orElse(null));
            if (fontFile.get() == null) {
                log.warn("No CJK font found (set yiwang.licenses.font or install fonts-wqy-microhei): license documents show "
                        + "Latin text and '?' for Chinese characters");
            } else {
                log.info("License documents use the CJK font {}", fontFile.get());
            }
            fontLookedUp = true;
        }
        return fontFile.get();
    }
}
