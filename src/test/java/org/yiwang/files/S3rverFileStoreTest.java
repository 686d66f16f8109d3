package org.yiwang.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 store against a real S3-compatible server: s3rver (npm {@code s3rver}; it knows the access key
 * {@code S3RVER} but does not verify SigV4 signatures — {@link S3FileStoreTest} does). Runs only when the {@code s3rver}
 * command is installed ({@code npm install -g s3rver@3.7.1}) or {@code YIWANG_S3RVER} names it; skipped otherwise.
 */
class S3rverFileStoreTest {

    static Optional<Path> s3rver() {
        String env = System.getenv("YIWANG_S3RVER");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env)).filter(Files::isExecutable);
        }
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(d -> Path.of(d, "s3rver")).filter(Files::isExecutable).findFirst();
    }

    @Test
    void storesReadsAndDeletesObjects(@TempDir Path tmp) throws Exception {
        Optional<Path> exe = s3rver();
        Assumptions.assumeTrue(exe.isPresent(), "s3rver is not installed");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process server = new ProcessBuilder(exe.get().toString(), "-d", tmp.resolve("data").toString(), "-a", "127.0.0.1",
                "-p", String.valueOf(port), "--silent", "--configure-bucket", "yiwang-test")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("s3rver.log").toFile()).start();
        try {
            awaitPort(port, server, Duration.ofSeconds(30));
            FilesProperties.S3 config = new FilesProperties.S3("http://127.0.0.1:" + port, "us-east-1", "yiwang-test",
                    "S3RVER", "S3RVER", true, "files/");
            byte[] data = TestFiles.pdf();
            Path source = Files.write(tmp.resolve("upload"), data);
            try (S3FileStore s3 = new S3FileStore(config)) {
                s3.put("2026/03/01/x", source, data.length, "application/pdf");
                try (InputStream in = s3.open("2026/03/01/x")) {
                    assertThat(in.readAllBytes()).isEqualTo(data);
                }
                s3.delete("2026/03/01/x");
                assertThatThrownBy(() -> s3.open("2026/03/01/x")).isInstanceOf(NoSuchFileException.class);
            }
            // an unknown access key is refused (s3rver does not verify SigV4 signatures themselves: S3FileStoreTest does)
            FilesProperties.S3 wrong = new FilesProperties.S3(config.endpoint(), "us-east-1", "yiwang-test", "NOBODY", "WRONG", true, "");
            try (S3FileStore s3 = new S3FileStore(wrong)) {
                assertThatThrownBy(() -> s3.put("k", source, data.length, "application/pdf")).isInstanceOf(IOException.class);
            }
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** Bounded poll until the server accepts connections (waiting on the process, so a crash ends the wait at once). */
    private static void awaitPort(int port, Process server, Duration max) throws Exception {
        Instant deadline = Instant.now().plus(max);
        while (Instant.now().isBefore(deadline)) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    server.onExit().get(100, TimeUnit.MILLISECONDS);
                    throw new IllegalStateException("s3rver exited with " + server.exitValue());
                } catch (TimeoutException stillRunning) {
                    // poll again
                }
            }
        }
        throw new IllegalStateException("s3rver did not open port " + port + " within " + max);
    }
}
