package org.yiwang.shared.imports;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.yiwang.shared.web.ProblemException;

/**
 * Reads an import file (CSV with a header line, or JSON: an array of objects or {@code {"rows": [...]}})
 * into numbered rows of named values, so that an import can validate every row before writing any.
 * Rows are numbered from 1 (CSV: the first record after the header; JSON: the first array element) and
 * field paths read {@code rows[N].field}. Column names are matched case-insensitively against the
 * import's fields and their aliases (e.g. Chinese headers); unknown columns are reported as errors.
 */
public final class ImportRows {

    /** Most rows one import accepts. */
    public static final int MAX_ROWS = 50_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ImportRows() {
    }

    /** The two accepted file formats. */
    public enum Format {
        CSV, JSON;

        /** JSON for a {@code .json} file name or a JSON content type, else CSV. */
        public static Format detect(String filename, String contentType) {
            if (filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".json")) {
                return JSON;
            }
            if (filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                return CSV;
            }
            return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json") ? JSON : CSV;
        }
    }

    /**
     * One row of an import.
     *
     * @param number 1-based row number
     * @param values the row's values by field name: strings from CSV; from JSON strings, numbers, booleans,
     *               lists and maps as parsed
     */
    public record Row(int number, Map<String, Object> values) {

        /** The trimmed text of a field; null when absent or blank. Lists and maps yield null (see {@link #raw}). */
        public String text(String field) {
            Object v = values.get(field);
            if (v == null || v instanceof List<?> || v instanceof Map<?, ?>) {
                return null;
            }
            String s = v.toString().trim();
            return s.isEmpty() ? null : s;
        }

        /** The value as read (may be a list or map from JSON). */
        public Object raw(String field) {
            return values.get(field);
        }

        /** True when the field holds a list or an object (only possible in JSON). */
        public boolean structured(String field) {
            Object v = values.get(field);
            return v instanceof List<?> || v instanceof Map<?, ?>;
        }

        /** The field's path for error reports: {@code rows[N].field}. */
        public String path(String field) {
            return "rows[" + number + "]" + (field == null || field.isEmpty() ? "" : "." + field);
        }
    }

    /**
     * Parses an import file.
     *
     * @param content the file's bytes (UTF-8, a byte-order mark is ignored)
     * @param format  CSV or JSON
     * @param fields  the accepted field names, each with its accepted aliases (case-insensitive), in column order
     * @throws ProblemException 400 when the file cannot be parsed, is empty, has unknown or repeated columns
     *                          (CSV) or unknown fields (JSON), or has more than {@link #MAX_ROWS} rows
     */
    public static List<Row> parse(byte[] content, Format format, Map<String, List<String>> fields) {
        String text = content == null ? "" : new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Map<String, String> names = new LinkedHashMap<>();
        fields.forEach((field, aliases) -> {
            names.put(field.toLowerCase(Locale.ROOT), field);
            aliases.forEach(a -> names.put(a.toLowerCase(Locale.ROOT), field));
        });
        List<Row> rows = format == Format.JSON ? parseJson(text, names) : parseCsv(text, names);
        if (rows.isEmpty()) {
            throw ProblemException.invalidField("file", "文件中没有数据行", "the file has no rows");
        }
        if (rows.size() > MAX_ROWS) {
            throw ProblemException.invalidField("file", "一次最多导入 " + MAX_ROWS + " 行", "at most " + MAX_ROWS + " rows per import");
        }
        return rows;
    }

    private static List<Row> parseCsv(String text, Map<String, String> names) {
        CSVFormat csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).setAllowMissingColumnNames(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(csv).get()) {
            List<String> header = parser.getHeaderNames();
            List<String> columns = new ArrayList<>();
            List<org.yiwang.shared.web.FieldViolation> problems = new ArrayList<>();
            for (String h : header) {
                String field = names.get(h.trim().toLowerCase(Locale.ROOT));
                if (h.isBlank()) {
                    columns.add(null);
                } else if (field == null) {
                    problems.add(new org.yiwang.shared.web.FieldViolation("header." + h.trim(), "未知的列：" + h.trim(),
                            "unknown column: " + h.trim()));
                    columns.add(null);
                } else if (columns.contains(field)) {
                    problems.add(new org.yiwang.shared.web.FieldViolation("header." + h.trim(), "列重复：" + h.trim(),
                            "repeated column: " + h.trim()));
                    columns.add(null);
                } else {
                    columns.add(field);
                }
            }
            if (!problems.isEmpty()) {
                throw ProblemException.invalidFields(problems);
            }
            List<Row> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                Map<String, Object> values = new LinkedHashMap<>();
                boolean blank = true;
                for (int i = 0; i < columns.size() && i < record.size(); i++) {
                    if (columns.get(i) != null) {
                        values.put(columns.get(i), record.get(i));
                        blank &= record.get(i).isBlank();
                    }
                }
                if (!blank) {
                    rows.add(new Row(rows.size() + 1, values));
                }
                if (rows.size() > MAX_ROWS) {
                    break;
                }
            }
            return rows;
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw ProblemException.invalidField("file", "不是有效的 CSV 文件（需要标题行）：" + e.getMessage(),
                    "not a valid CSV file (a header line is required): " + e.getMessage());
        }
    }

    private static List<Row> parseJson(String text, Map<String, String> names) {
        Object parsed;
        try {
            parsed = JSON.readValue(text, Object.class);
        } catch (JacksonException e) {
            throw ProblemException.invalidField("file", "不是有效的 JSON", "not valid JSON: " + e.getOriginalMessage());
        }
        if (parsed instanceof Map<?, ?> map && map.get("rows") instanceof List<?> list) {
            parsed = list;
        }
        if (!(parsed instanceof List<?> list)) {
            throw ProblemException.invalidField("file", "JSON 应为对象数组或 {\"rows\": [...]}",
                    "JSON must be an array of objects or {\"rows\": [...]}");
        }
        List<Row> rows = new ArrayList<>();
        List<org.yiwang.shared.web.FieldViolation> problems = new ArrayList<>();
        int n = 0;
        for (Object item : list) {
            n++;
            String path = "rows[" + n + "]";
            if (!(item instanceof Map<?, ?> object)) {
                problems.add(new org.yiwang.shared.web.FieldViolation(path, "第 " + n + " 行：应为 JSON 对象",
                        "row " + n + ": must be a JSON object"));
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            object.forEach((k, v) -> {
                String field = names.get(String.valueOf(k).trim().toLowerCase(Locale.ROOT));
                if (field == null) {
                    problems.add(new org.yiwang.shared.web.FieldViolation(path + "." + k, "第 " + rowsLabel(path) + " 行：未知字段 " + k,
                            "row " + rowsLabel(path) + ": unknown field " + k));
                } else {
                    values.put(field, v);
                }
            });
            rows.add(new Row(n, values));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalidFields(problems);
        }
        return rows;
    }

    private static String rowsLabel(String path) {
        return path.substring(5, path.length() - 1);
    }
}
