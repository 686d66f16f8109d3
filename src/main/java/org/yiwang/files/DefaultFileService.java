package org.yiwang.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.yiwang.audit.AuditLog;
import org.yiwang.shared.ids.ChineseIds;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * Upload: the bytes are spooled to a temporary file while the SHA-256 and size are computed (stopping as
 * soon as the limit is passed), the type is detected from the content, and only an allowed file is put in
 * the {@link FileStore} and recorded — in one transaction; when that transaction rolls back the stored
 * bytes are deleted again.
 */
@Service
class DefaultFileService implements FileService {

    static final String UPLOAD_PERMISSION = "file:upload";
    private static final Logger log = LoggerFactory.getLogger(DefaultFileService.class);
    private static final DateTimeFormatter KEY_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final FileRepository files;
    private final FileStore store;
    private final FilesProperties props;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Path incoming;
    private final ContentInspector inspector = new ContentInspector();

    DefaultFileService(FileRepository files, FileStore store, FilesProperties props, AuditLog audit,
                       PlatformTransactionManager txManager, @Value("${yiwang.home:./data}") String home) {
        this.files = files;
        this.store = store;
        this.props = props;
        this.audit = audit;
        this.tx = new TransactionTemplate(txManager);
        this.incoming = FilesConfig.localDir(props, home).resolve(".incoming").toAbsolutePath();
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + incoming, e);
        }
    }

    @Override
    public StoredFile store(String originalName, String purpose, InputStream content) {
        return store(originalName, purpose, null, null, content);
    }

    @Override
    public StoredFile store(String originalName, String purpose, String regionCode, String departmentId, InputStream content) {
        Caller caller = Callers.current();
        if (caller.type() == CallerType.OFFICER && !caller.can(UPLOAD_PERMISSION)) {
            throw ProblemException.forbidden("缺少权限：" + UPLOAD_PERMISSION, "Missing permission: " + UPLOAD_PERMISSION);
        }
        String name = sanitiseName(originalName);
        String cleanPurpose = purpose == null || purpose.isBlank() ? null : purpose.trim();
        if (cleanPurpose != null && !cleanPurpose.matches("[A-Za-z0-9._-]{1,64}")) {
            throw ProblemException.invalidField("purpose", "只能包含字母、数字、点、下划线和连字符（最多 64 个）",
                    "only letters, digits, dots, underscores and hyphens (at most 64)");
        }
        String[] placement = placement(caller, regionCode, departmentId);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(incoming, "up-", ".part");
            MessageDigest sha = sha256();
            long max = props.maxSize().toBytes();
            long size = spool(content, tmp, sha, max);
            if (size > max) {
                audit.record("file.upload", "file:-", false, "rejected: larger than " + max + " bytes, name=" + name);
                throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "file-too-large",
                        "上传文件超过大小限制（" + props.maxSize().toMegabytes() + " MB）",
                        "The upload exceeds the size limit (" + props.maxSize().toMegabytes() + " MB)",
                        List.of(new FieldViolation("file", "文件过大", "file too large")));
            }
            if (size == 0) {
                throw ProblemException.invalidField("file", "文件为空", "file is empty");
            }
            String type = inspector.detect(tmp, name);
            if (!allowed(type)) {
                audit.record("file.upload", "file:-", false, "rejected: content type " + type + ", name=" + name);
                throw ProblemException.invalidField("file", "文件类型不允许（按内容识别为 " + type + "）",
                        "file type not allowed (content detected as " + type + ")");
            }
            String id = UUID.randomUUID().toString();
            Instant now = Instant.now();
            String key = KEY_DATE.format(now) + "/" + id;
            StoredFile file = new StoredFile(id, name, cleanPurpose, type, size, HexFormat.of().formatHex(sha.digest()),
                    caller.accountId(), placement[0], placement[1], now);
            Path source = tmp;
            return tx.execute(status -> {
                try {
                    store.put(key, source, file.size(), file.contentType());
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot store the upload", e);
                }
                deleteOnRollback(key);
                files.insert(file, store.name(), key);
                audit.record("file.upload", "file:" + id, true,
                        "type=" + type + " size=" + size + " sha256=" + file.sha256() + " purpose=" + cleanPurpose);
                return file;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot receive the upload", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    log.warn("Cannot delete temporary upload {}", tmp);
                }
            }
        }
    }

    /** Copies at most {@code max + 1} bytes, hashing them; returns the count (greater than max means too large). */
    private static long spool(InputStream content, Path tmp, MessageDigest sha, long max) throws IOException {
        long count = 0;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = new DigestInputStream(content, sha); OutputStream out = Files.newOutputStream(tmp)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                count += n;
                if (count > max) {
                    return count;
                }
                out.write(buf, 0, n);
            }
        }
        return count;
    }

    private boolean allowed(String type) {
        return type != null && props.allowedTypes().stream().anyMatch(t -> t.equalsIgnoreCase(type));
    }

    /** Region and department of an officer's upload: given ones must lie within the officer's scope. */
    private static String[] placement(Caller caller, String regionCode, String departmentId) {
        String region = blankToNull(regionCode);
        String department = blankToNull(departmentId);
        boolean unrestricted = caller.type() == CallerType.ADMIN || caller.type() == CallerType.SYSTEM;
        if (caller.type() != CallerType.OFFICER && !unrestricted) {
            if (region != null || department != null) {
                throw ProblemException.invalidField(region != null ? "regionCode" : "departmentId",
                        "只有工作人员上传的文件才归属区域或部门", "only officers' uploads belong to a region or department");
            }
            return new String[] {null, null};
        }
        List<FieldViolation> bad = new java.util.ArrayList<>();
        if (region != null && (!ChineseIds.isValidStatisticalRegionCode(region)
                || !(unrestricted || caller.regionPrefixes().stream().anyMatch(region::startsWith)))) {
            bad.add(new FieldViolation("regionCode", "不是您管辖范围内的 12 位区划代码", "is not a 12-digit region code within your scope"));
        }
        if (department != null && !unrestricted && !caller.departmentIds().contains(department)
                && !caller.can(org.yiwang.shared.security.AccessScope.ALL_DEPARTMENTS)) {
            bad.add(new FieldViolation("departmentId", "不是您所在的部门", "is not one of your departments"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        if (region == null && caller.type() == CallerType.OFFICER) {
            // the broadest of the officer's regions (the uploader always sees the file as its owner)
            region = caller.regionPrefixes().stream().filter(p -> !p.isEmpty())
                    .min(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
                    .map(p -> (p + "000000000000").substring(0, 12)).orElse(null);
        }
        if (department == null && caller.type() == CallerType.OFFICER) {
            // least privilege: an officer of several departments files it under the first; name another explicitly
            department = caller.departmentIds().stream().sorted().findFirst().orElse(null);
        }
        return new String[] {region, department};
    }

    private void deleteOnRollback(String key) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    try {
                        store.delete(key);
                    } catch (IOException e) {
                        log.warn("Cannot delete bytes of a rolled-back upload ({}): {}", key, e.getMessage());
                    }
                }
            }
        });
    }

    @Override
    public StoredFile metadata(String id) {
        return readable(id, Callers.current()).file();
    }

    @Override
    public FileContent open(String id) {
        Caller caller = Callers.current();
        FileRepository.Row row = readable(id, caller);
        try {
            InputStream in = openBytes(row);
            audit.record("file.download", "file:" + id, true, null);
            return new FileContent(row.file(), in);
        } catch (NoSuchFileException e) {
            audit.record("file.download", "file:" + id, false, "content missing");
            throw contentMissing();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read file " + id, e);
        }
    }

    @Override
    public VerifyResult verify(String id) {
        FileRepository.Row row = readable(id, Callers.current());
        StoredFile f = row.file();
        VerifyResult result;
        try (InputStream in = openBytes(row)) {
            MessageDigest sha = sha256();
            long size = 0;
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                size += n;
            }
            String actual = HexFormat.of().formatHex(sha.digest());
            boolean sameHash = actual.equals(f.sha256());
            String problem = sameHash && size == f.size() ? null : size != f.size() ? "size-changed" : "content-changed";
            result = new VerifyResult(id, problem == null, f.sha256(), actual, f.size(), size, problem);
        } catch (NoSuchFileException e) {
            result = new VerifyResult(id, false, f.sha256(), null, f.size(), -1, "missing");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read file " + id, e);
        }
        audit.record("file.verify", "file:" + id, result.ok(), result.ok() ? null : result.problem());
        return result;
    }

    @Override
    public void grant(String fileId, String accountId) {
        if (accountId == null || accountId.isBlank()) {
            throw ProblemException.invalidField("accountId", "必须提供", "is required");
        }
        tx.executeWithoutResult(status -> {
            if (files.find(fileId).isEmpty()) {
                throw fileNotFound(fileId);
            }
            String by = Callers.find().map(Caller::accountId).orElse("system");
            if (files.grant(fileId, accountId, by)) {
                audit.record("file.grant", "file:" + fileId, true, "account=" + accountId);
            }
        });
    }

    @Override
    public void revoke(String fileId, String accountId) {
        tx.executeWithoutResult(status -> {
            if (files.revoke(fileId, accountId)) {
                audit.record("file.revoke", "file:" + fileId, true, "account=" + accountId);
            }
        });
    }

    @Override
    public boolean canRead(String fileId, Caller caller) {
        return caller != null && files.find(fileId).filter(r -> mayRead(r.file(), caller)).isPresent();
    }

    List<StoredFile> list(String purpose, int page, int size) {
        Caller caller = Callers.current();
        return files.list(caller.scope(), caller.accountId(), blankToNull(purpose), size, page * size);
    }

    private boolean mayRead(StoredFile f, Caller caller) {
        return caller.accountId().equals(f.ownerId())
                || caller.scope().allows(f.regionCode(), f.departmentId(), f.ownerId())
                || files.hasGrant(f.id(), caller.accountId());
    }

    /** The row if the caller may read it; otherwise exactly the same 404 as for a file that does not exist. */
    private FileRepository.Row readable(String id, Caller caller) {
        FileRepository.Row row = files.find(id).filter(r -> mayRead(r.file(), caller)).orElse(null);
        if (row == null) {
            audit.record("file.access", "file:" + id, false, "not found or not permitted");
            throw fileNotFound(id);
        }
        return row;
    }

    private InputStream openBytes(FileRepository.Row row) throws IOException {
        if (!row.store().equals(store.name())) {
            throw new IOException("File " + row.file().id() + " is in store " + row.store() + " but " + store.name() + " is configured");
        }
        return store.open(row.storageKey());
    }

    /** The one answer for "does not exist" and "not yours": nothing tells them apart. */
    static ProblemException fileNotFound(String id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", "未找到文件：" + id, "File not found: " + id);
    }

    private static ProblemException contentMissing() {
        return new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "file-content-missing", "文件内容丢失", "The file's content is missing");
    }

    /** The last path segment, without control characters, at most 255 characters; "upload" when nothing is left. */
    static String sanitiseName(String name) {
        if (name == null) {
            return "upload";
        }
        String n = name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        n = n.replaceAll("[\\p{Cntrl}\"]", "").trim();
        if (n.length() > 255) {
            n = n.substring(n.length() - 255);
        }
        return n.isEmpty() || n.equals(".") || n.equals("..") ? "upload" : n;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
