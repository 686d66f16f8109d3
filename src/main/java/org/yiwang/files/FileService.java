package org.yiwang.files;

import java.io.InputStream;

/**
 * The files module's API. Reads are checked against the current caller ({@code Callers.current()}):
 * a file the caller may not read is reported exactly like a file that does not exist (404 problem).
 */
public interface FileService extends FileAccess {

    /**
     * Stores an upload of the current caller after checking it by content: empty → 400 naming {@code file};
     * larger than {@code yiwang.files.max-size} → 413 naming {@code file}; a type (detected from the bytes,
     * not the name) outside {@code yiwang.files.allowed-types} → 400 naming {@code file}. Records SHA-256,
     * size, type, owner and — for an officer — region and department. Audited ({@code file.upload}).
     *
     * @param originalName the client's file name (used for the OFD rule and Content-Disposition only)
     * @param purpose      optional short code of what the file is for
     * @param content      the bytes (read fully, not closed)
     */
    StoredFile store(String originalName, String purpose, InputStream content);

    /**
     * Same, for an officer choosing which of their regions/departments the file belongs to (must lie within
     * their data scope; null picks the officer's only region/department).
     */
    StoredFile store(String originalName, String purpose, String regionCode, String departmentId, InputStream content);

    /** Metadata, if the caller may read the file; else 404 problem. */
    StoredFile metadata(String id);

    /** Metadata and bytes, if the caller may read the file; else 404 problem. Audited ({@code file.download}). */
    FileContent open(String id);

    /** Re-hashes the stored bytes and compares with the SHA-256 recorded at upload (caller must be able to read the file). */
    VerifyResult verify(String id);
}
