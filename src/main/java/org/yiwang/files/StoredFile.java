package org.yiwang.files;

import java.time.Instant;

/**
 * Metadata of a stored file.
 *
 * @param id           file id (UUID)
 * @param originalName the uploader's file name (sanitised), for Content-Disposition only — never used as a path
 * @param purpose      what it is for (e.g. {@code application-material}), free short code, may be null
 * @param contentType  the type detected from the content (not the name)
 * @param size         bytes
 * @param sha256       hex SHA-256 of the content, recorded at upload
 * @param ownerId      the uploading account
 * @param regionCode   12-digit region code when uploaded by an officer, else null
 * @param departmentId department id when uploaded by an officer of one department, else null
 * @param createdAt    upload time
 */
public record StoredFile(String id, String originalName, String purpose, String contentType, long size, String sha256,
                         String ownerId, String regionCode, String departmentId, Instant createdAt) {
}
