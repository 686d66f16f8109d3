package org.yiwang.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where file bytes live: the local disk ({@code yiwang.files.store=local}, default) or an S3-compatible
 * object store ({@code yiwang.files.store=s3}). Keys are chosen by the files module (random, never
 * derived from user input).
 */
public interface FileStore {

    /** Short name recorded with each file ({@code local}, {@code s3}). */
    String name();

    /** Stores the content of {@code source} (a complete temporary file) under {@code key}. */
    void put(String key, Path source, long size, String contentType) throws IOException;

    /** Opens the bytes stored under {@code key}; {@link java.nio.file.NoSuchFileException} when missing. */
    InputStream open(String key) throws IOException;

    /** Deletes the bytes (no error when already gone). */
    void delete(String key) throws IOException;
}
