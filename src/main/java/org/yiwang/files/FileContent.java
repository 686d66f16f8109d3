package org.yiwang.files;

import java.io.IOException;
import java.io.InputStream;

/** A file's metadata and an open stream of its bytes; close it when done. */
public record FileContent(StoredFile file, InputStream stream) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
