package org.yiwang.organization.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.springframework.web.multipart.MultipartFile;

import org.yiwang.shared.imports.ImportRows;
import org.yiwang.shared.web.ProblemException;

/** Turns an uploaded file or a request body into import rows. */
final class ImportUploads {

    private ImportUploads() {
    }

    static List<ImportRows.Row> rows(MultipartFile file, Map<String, List<String>> fields) {
        if (file == null || file.isEmpty()) {
            throw ProblemException.invalidField("file", "请选择要导入的 CSV 或 JSON 文件", "choose a CSV or JSON file to import");
        }
        try {
            return ImportRows.parse(file.getBytes(), ImportRows.Format.detect(file.getOriginalFilename(), file.getContentType()), fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ImportRows.Row> rows(byte[] body, String contentType, Map<String, List<String>> fields) {
        return ImportRows.parse(body, ImportRows.Format.detect(null, contentType), fields);
    }
}
