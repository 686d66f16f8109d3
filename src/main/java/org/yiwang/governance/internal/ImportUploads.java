package org.yiwang.governance.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.web.multipart.MultipartFile;

import org.yiwang.shared.web.ProblemException;

/** The bytes of an uploaded import file. */
final class ImportUploads {

    private ImportUploads() {
    }

    static byte[] bytes(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw ProblemException.invalidField("file", "请选择要导入的文件", "choose a file to import");
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
