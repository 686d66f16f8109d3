package org.yiwang.governance.internal.kpi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.yiwang.governance.EventKpiReport;
import org.yiwang.governance.EventKpiValues;

/** CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese headers) and XLSX exports of a KPI report. */
final class KpiExport {

    static final List<String> HEADERS = List.of("分组代码", "名称", "受理数", "立案数", "派遣数", "应结案数", "结案数", "按期结案数",
            "返工数", "延期数", "缓办数", "立案率", "派遣率", "结案率", "按期结案率", "返工率", "延期率", "综合指标值", "等级");

    private KpiExport() {
    }

    /** The body rows then the total (合计) last. */
    static List<EventKpiValues> lines(EventKpiReport r) {
        List<EventKpiValues> out = new ArrayList<>(r.rows());
        out.add(r.total());
        return out;
    }

    static String title(EventKpiReport r) {
        return "城市事件统一考核 " + r.regionName() + " " + r.query().from() + " 至 " + r.query().to();
    }

    private static List<Object> counts(EventKpiValues v) {
        return List.of(v.received(), v.filed(), v.dispatched(), v.due(), v.closed(), v.closedOnTime(), v.reworked(), v.extended(),
                v.suspended());
    }

    private static List<Double> rates(EventKpiValues v) {
        List<Double> r = new ArrayList<>();
        r.add(v.filingRate());
        r.add(v.dispatchRate());
        r.add(v.closingRate());
        r.add(v.onTimeRate());
        r.add(v.reworkRate());
        r.add(v.extensionRate());
        return r;
    }

    /** Rates as percentages with two decimals (e.g. 66.67%), empty when undefined. */
    static byte[] csv(EventKpiReport r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStreamWriter w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
            w.write('\uFEFF');
            p.printRecord(HEADERS);
            for (EventKpiValues v : lines(r)) {
                List<Object> row = new ArrayList<>();
                row.add(v.key());
                row.add(v.label());
                row.addAll(counts(v));
                for (Double d : rates(v)) {
                    row.add(d == null ? "" : String.format("%.2f%%", d * 100));
                }
                row.add(v.score() == null ? "" : String.format("%.2f", v.score()));
                row.add(v.grade() == null ? "" : v.grade() + " " + v.gradeLabel());
                p.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** One sheet 考核指标: a title row, the Chinese headers, the rows and the total; rates as percentage cells. */
    static byte[] xlsx(EventKpiReport r) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("考核指标");
            Font bold = wb.createFont();
            bold.setBold(true);
            CellStyle head = wb.createCellStyle();
            head.setFont(bold);
            CellStyle pct = wb.createCellStyle();
            pct.setDataFormat(wb.createDataFormat().getFormat("0.00%"));
            CellStyle num = wb.createCellStyle();
            num.setDataFormat(wb.createDataFormat().getFormat("0.00"));
            sheet.createRow(0).createCell(0).setCellValue(title(r));
            sheet.getRow(0).getCell(0).setCellStyle(head);
            Row h = sheet.createRow(1);
            for (int i = 0; i < HEADERS.size(); i++) {
                Cell c = h.createCell(i);
                c.setCellValue(HEADERS.get(i));
                c.setCellStyle(head);
            }
            int n = 2;
            for (EventKpiValues v : lines(r)) {
                Row row = sheet.createRow(n++);
                int col = 0;
                row.createCell(col++).setCellValue(v.key());
                row.createCell(col++).setCellValue(v.label());
                for (Object c : counts(v)) {
                    row.createCell(col++).setCellValue(((Number) c).doubleValue());
                }
                for (Double d : rates(v)) {
                    Cell c = row.createCell(col++);
                    if (d != null) {
                        c.setCellValue(d);
                        c.setCellStyle(pct);
                    }
                }
                Cell s = row.createCell(col++);
                if (v.score() != null) {
                    s.setCellValue(v.score());
                    s.setCellStyle(num);
                }
                row.createCell(col).setCellValue(v.grade() == null ? "" : v.grade() + " " + v.gradeLabel());
                if (v == r.total()) {
                    for (Cell c : row) {
                        if (c.getCellStyle().getIndex() == 0) {
                            c.setCellStyle(head);
                        }
                    }
                }
            }
            sheet.setColumnWidth(0, 16 * 256);
            sheet.setColumnWidth(1, 24 * 256);
            sheet.createFreezePane(2, 2);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
