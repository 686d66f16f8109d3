package org.yiwang.shared.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.HttpStatus;

import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * Collects the errors of every row of an import, then fails the whole import at once (nothing is
 * written unless every row is valid). Each error names its field as {@code rows[N].field} and its
 * messages start with the row number ("第 N 行：…" / "row N: …").
 */
public final class RowErrors {

    private final List<FieldViolation> violations = new ArrayList<>();
    private final Set<Integer> badRows = new TreeSet<>();

    /** Records that {@code field} of {@code row} is invalid. */
    public void add(ImportRows.Row row, String field, String messageZh, String messageEn) {
        add(row.number(), row.path(field), messageZh, messageEn);
    }

    /** Records an error at an explicit path (e.g. {@code rows[3].assignments[2].roles}). */
    public void add(int rowNumber, String path, String messageZh, String messageEn) {
        badRows.add(rowNumber);
        violations.add(new FieldViolation(path, "第 " + rowNumber + " 行 " + path + "：" + messageZh,
                "row " + rowNumber + ": " + path + ": " + messageEn));
    }

    public boolean isEmpty() {
        return violations.isEmpty();
    }

    /** True when this row already has an error. */
    public boolean hasErrors(ImportRows.Row row) {
        return badRows.contains(row.number());
    }

    public List<FieldViolation> violations() {
        return List.copyOf(violations);
    }

    /** Throws a 400 problem listing every error, when there is any. */
    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-import",
                    "导入数据有 " + badRows.size() + " 行错误，未写入任何数据",
                    "The import has " + badRows.size() + " invalid row(s); nothing was written", violations);
        }
    }
}
