package org.yiwang.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import org.yiwang.shared.web.ProblemException;

/** Upload and download of files. A file the caller may not read answers 404, exactly like a missing one. */
@RestController
@RequestMapping("/api/v1/files")
@Tag(name = "files", description = "文件 upload (checked by content) and access-controlled download")
class FilesController {

    private final DefaultFileService files;

    FilesController(DefaultFileService files) {
        this.files = files;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Uploads a file (multipart part 'file'); type checked by content, SHA-256 recorded")
    ResponseEntity<StoredFile> upload(@RequestPart(name = "file", required = false) MultipartFile file,
                                      @RequestParam(required = false) String purpose,
                                      @RequestParam(required = false) String regionCode,
                                      @RequestParam(required = false) String departmentId) {
        if (file == null) {
            throw ProblemException.invalidField("file", "必须提供", "is required");
        }
        if (file.isEmpty()) {
            throw ProblemException.invalidField("file", "文件为空", "file is empty");
        }
        StoredFile stored;
        try (InputStream in = file.getInputStream()) {
            stored = files.store(file.getOriginalFilename(), purpose, regionCode, departmentId, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}/meta")
                .buildAndExpand(stored.id()).toUri()).body(stored);
    }

    @GetMapping
    @Operation(summary = "Files the caller may read (own, within the data scope, or granted), newest first")
    List<StoredFile> list(@RequestParam(required = false) String purpose, @RequestParam(defaultValue = "0") int page,
                          @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw ProblemException.invalidField("page", "不能为负数", "must not be negative");
        }
        if (size < 1 || size > 100) {
            throw ProblemException.invalidField("size", "必须在 1 到 100 之间", "must be between 1 and 100");
        }
        return files.list(purpose, page, size);
    }

    @GetMapping("/{id}/meta")
    StoredFile meta(@PathVariable String id) {
        return files.metadata(id);
    }

    @GetMapping("/{id}/verify")
    @Operation(summary = "Re-hashes the stored bytes and compares with the SHA-256 recorded at upload")
    VerifyResult verify(@PathVariable String id) {
        return files.verify(id);
    }

    @GetMapping("/{id}")
    @Operation(summary = "The file's content (attachment; nosniff)")
    ResponseEntity<InputStreamResource> download(@PathVariable String id) {
        FileContent content = files.open(id);
        StoredFile f = content.file();
        return ResponseEntity.status(HttpStatus.OK)
                .contentType(MediaType.parseMediaType(f.contentType()))
                .contentLength(f.size())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(f.originalName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .cacheControl(CacheControl.noStore().cachePrivate())
                .eTag("\"" + f.sha256() + "\"")
                .body(new InputStreamResource(content.stream()));
    }
}
