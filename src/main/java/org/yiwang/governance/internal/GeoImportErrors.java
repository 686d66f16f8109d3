package org.yiwang.governance.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.HttpStatus;

import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * Collects the errors of every feature of a GeoJSON import (features are numbered from 1; paths read
 * {@code features[N].properties.code} or {@code features[N].geometry}) and fails the whole import at once.
 */
final class GeoImportErrors {

    private final List<FieldViolation> violations = new ArrayList<>();
    private final Set<Integer> bad = new TreeSet<>();

    void add(int feature, String field, String zh, String en) {
        bad.add(feature);
        String path = "features[" + feature + "]" + (field == null ? "" : "." + field);
        violations.add(new FieldViolation(path, "第 " + feature + " 个要素 " + path + "：" + zh, "feature " + feature + ": " + path + ": " + en));
    }

    boolean has(int feature) {
        return bad.contains(feature);
    }

    void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-import",
                    "导入数据有 " + bad.size() + " 个要素错误，未写入任何数据",
                    "The import has " + bad.size() + " invalid feature(s); nothing was written", violations);
        }
    }
}
