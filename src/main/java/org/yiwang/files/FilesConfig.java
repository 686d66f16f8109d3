package org.yiwang.files;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the {@link FileStore} from {@code yiwang.files.store}. */
@Configuration(proxyBeanMethods = false)
class FilesConfig {

    @Bean
    FileStore fileStore(FilesProperties props, @Value("${yiwang.home:./data}") String home) {
        String kind = props.store() == null ? "local" : props.store().trim().toLowerCase();
        return switch (kind) {
            case "local" -> new LocalFileStore(localDir(props, home));
            case "s3" -> new S3FileStore(props.s3());
            default -> throw new IllegalStateException("yiwang.files.store must be local or s3, not " + props.store());
        };
    }

    static Path localDir(FilesProperties props, String home) {
        return props.localDir() != null && !props.localDir().isBlank() ? Path.of(props.localDir()) : Path.of(home, "files");
    }
}
