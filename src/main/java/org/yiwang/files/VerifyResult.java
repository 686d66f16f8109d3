package org.yiwang.files;

/**
 * Outcome of re-hashing a stored file.
 *
 * @param fileId         the file
 * @param ok             true when the stored bytes still have the recorded SHA-256 and size
 * @param expectedSha256 recorded at upload
 * @param actualSha256   computed now (null when the bytes are missing)
 * @param expectedSize   recorded at upload
 * @param actualSize     counted now (-1 when the bytes are missing)
 * @param problem        null when ok, else {@code content-changed}, {@code size-changed} or {@code missing}
 */
public record VerifyResult(String fileId, boolean ok, String expectedSha256, String actualSha256, long expectedSize,
                           long actualSize, String problem) {
}
