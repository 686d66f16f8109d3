package org.yiwang.files;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.apache.tika.Tika;

/**
 * Detects a file's type from its bytes with Apache Tika (magic numbers only: the file name is not given to
 * Tika, so renaming an .exe to .png does not help). OFD (GB/T 33190) is a ZIP container: it is reported as
 * {@code application/ofd} only when the name ends with {@code .ofd} and the archive holds {@code OFD.xml}.
 */
final class ContentInspector {

    static final String OFD = "application/ofd";

    private final Tika tika = new Tika();

    String detect(Path file, String originalName) throws IOException {
        String type;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            type = tika.detect(in);
        }
        if ("application/zip".equals(type) && originalName != null && originalName.toLowerCase(Locale.ROOT).endsWith(".ofd")
                && isOfdPackage(file)) {
            return OFD;
        }
        return type;
    }

    static boolean isOfdPackage(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry("OFD.xml") != null;
        } catch (ZipException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
