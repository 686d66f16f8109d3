package org.yiwang.shared.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

class ImportRowsTest {

    static final Map<String, List<String>> FIELDS = Map.of("code", List.of("区划代码"), "name", List.of("名称"), "parentCode", List.of());

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void csvWithByteOrderMarkChineseHeadersAndBlankLines() {
        List<ImportRows.Row> rows = ImportRows.parse(utf8("\uFEFF区划代码,名称,PARENTCODE\n339902000000, 东湖区 ,339900000000\n\n339903000000,\"西山,区\",\n"),
                ImportRows.Format.CSV, FIELDS);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).number()).isEqualTo(1);
        assertThat(rows.get(0).text("code")).isEqualTo("339902000000");
        assertThat(rows.get(0).text("name")).isEqualTo("东湖区");
        assertThat(rows.get(1).text("name")).isEqualTo("西山,区");
        assertThat(rows.get(1).text("parentCode")).isNull();
        assertThat(rows.get(1).path("code")).isEqualTo("rows[2].code");
    }

    @Test
    void unknownCsvColumnIsReported() {
        assertThatThrownBy(() -> ImportRows.parse(utf8("code,nmae\n1,2\n"), ImportRows.Format.CSV, FIELDS))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("header.nmae"));
    }

    @Test
    void jsonArrayOrRowsObject() {
        List<ImportRows.Row> a = ImportRows.parse(utf8("[{\"code\":\"339902000000\",\"name\":\"东湖区\"},{\"code\":339903000000}]"),
                ImportRows.Format.JSON, FIELDS);
        assertThat(a).extracting(r -> r.text("code")).containsExactly("339902000000", "339903000000");
        List<ImportRows.Row> b = ImportRows.parse(utf8("{\"rows\":[{\"code\":\"1\",\"parentCode\":[1,2]}]}"), ImportRows.Format.JSON, FIELDS);
        assertThat(b.get(0).structured("parentCode")).isTrue();
        assertThat(b.get(0).text("parentCode")).isNull();
    }

    @Test
    void badJsonEmptyFilesAndUnknownJsonFieldsAreProblems() {
        assertThatThrownBy(() -> ImportRows.parse(utf8("[{"), ImportRows.Format.JSON, FIELDS))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("file"));
        assertThatThrownBy(() -> ImportRows.parse(utf8("code,name\n"), ImportRows.Format.CSV, FIELDS))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("file"));
        assertThatThrownBy(() -> ImportRows.parse(utf8("[{\"code\":\"1\"},{\"cod\":\"2\"}]"), ImportRows.Format.JSON, FIELDS))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("rows[2].cod"));
    }

    @Test
    void formatDetection() {
        assertThat(ImportRows.Format.detect("a.JSON", null)).isEqualTo(ImportRows.Format.JSON);
        assertThat(ImportRows.Format.detect("a.csv", "application/json")).isEqualTo(ImportRows.Format.CSV);
        assertThat(ImportRows.Format.detect(null, "application/json;charset=UTF-8")).isEqualTo(ImportRows.Format.JSON);
        assertThat(ImportRows.Format.detect(null, "text/csv")).isEqualTo(ImportRows.Format.CSV);
    }

    @Test
    void rowErrorsListEveryBadRowAndFailOnce() {
        RowErrors errors = new RowErrors();
        ImportRows.Row r2 = new ImportRows.Row(2, Map.of());
        ImportRows.Row r5 = new ImportRows.Row(5, Map.of());
        errors.add(r2, "code", "无效", "invalid");
        errors.add(r5, "name", "必填", "required");
        errors.add(r5, "code", "无效", "invalid");
        assertThat(errors.hasErrors(r2)).isTrue();
        assertThatThrownBy(errors::throwIfAny).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status().value()).isEqualTo(400);
            assertThat(e.messageEn()).contains("2 invalid row");
            assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("rows[2].code", "rows[5].name", "rows[5].code");
            assertThat(e.violations().get(1).messageEn()).startsWith("row 5: rows[5].name");
        });
        new RowErrors().throwIfAny(); // no errors: no exception
    }
}
