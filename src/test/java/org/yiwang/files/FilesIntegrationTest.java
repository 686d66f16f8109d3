package org.yiwang.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;
import org.yiwang.support.IntegrationTest;

/** Upload checks by content, SHA-256, access (owner / scope / grant / 404 for everyone else), tamper detection. */
class FilesIntegrationTest extends IntegrationTest {

    @Autowired
    FileService files;
    @Autowired
    DefaultFileService service;
    @Autowired
    FileStore store;
    @Autowired
    TransactionTemplate tx;

    static Caller citizen(String id) {
        return new Caller(id, id, "测试", CallerType.CITIZEN, Set.of("CITIZEN"), Set.of(), Set.of(), Set.of(), null);
    }

    static Caller officer(String id, String regionPrefix, String department, String... permissions) {
        return new Caller(id, id, "干部", CallerType.OFFICER, Set.of("REVIEWER"), Set.of(permissions), Set.of(regionPrefix),
                Set.of(department), null);
    }

    static void signIn(Caller caller) {
        Callers.CallerAware principal = () -> caller;
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
    }

    static <T> T as(Caller caller, Supplier<T> action) {
        signIn(caller);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private StoredFile upload(Caller caller, String name, byte[] content) {
        return as(caller, () -> files.store(name, "test", new ByteArrayInputStream(content)));
    }

    private static void assertProblem(Runnable action, int status, String field) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status().value()).isEqualTo(status);
            if (field != null) {
                assertThat(e.violations()).extracting("field").containsExactly(field);
            }
        });
    }

    private int filesOf(String owner) {
        return jdbc.queryForObject("select count(*) from stored_file where owner_id = ?", Integer.class, owner);
    }

    private Path storedPath(StoredFile f) {
        String key = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC).format(f.createdAt()) + "/" + f.id();
        return ((LocalFileStore) store).path(key);
    }

    @Test
    void pngIsAcceptedWithItsSha256AndTheOwnerCanDownloadIt() throws Exception {
        String owner = "c-" + UUID.randomUUID();
        byte[] png = TestFiles.png(40, 30);
        StoredFile f = upload(citizen(owner), "../../证件照.png", png);
        assertThat(f.contentType()).isEqualTo("image/png");
        assertThat(f.size()).isEqualTo(png.length);
        assertThat(f.sha256()).isEqualTo(TestFiles.sha256(png));
        assertThat(f.originalName()).isEqualTo("证件照.png");
        assertThat(f.ownerId()).isEqualTo(owner);
        assertThat(f.regionCode()).isNull();
        assertThat(jdbc.queryForObject("select sha256 from stored_file where id = ?", String.class, f.id())).isEqualTo(TestFiles.sha256(png));
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'file.upload' and target = ? and success = true",
                Integer.class, "file:" + f.id())).isEqualTo(1);

        byte[] back = as(citizen(owner), () -> {
            try (FileContent c = files.open(f.id()); InputStream in = c.stream()) {
                return in.readAllBytes();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(back).isEqualTo(png);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'file.download' and target = ?",
                Integer.class, "file:" + f.id())).isEqualTo(1);
        assertThat(as(citizen(owner), () -> files.verify(f.id())).ok()).isTrue();
    }

    @Test
    void anExeRenamedToPngIsRejectedByContent() {
        String owner = "c-" + UUID.randomUUID();
        assertProblem(() -> upload(citizen(owner), "photo.png", TestFiles.exe()), 400, "file");
        assertProblem(() -> upload(citizen(owner), "notes.png", "just text, not an image".getBytes()), 400, "file");
        assertThat(filesOf(owner)).isZero();
    }

    @Test
    void oversizedAndEmptyUploadsAreRejected() {
        String owner = "c-" + UUID.randomUUID();
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        byte[] png = TestFiles.png(2, 2);
        System.arraycopy(png, 0, big, 0, png.length);
        assertProblem(() -> upload(citizen(owner), "big.png", big), 413, "file");
        assertProblem(() -> upload(citizen(owner), "empty.png", new byte[0]), 400, "file");
        assertThat(filesOf(owner)).isZero();
    }

    @Test
    void pdfAndOfdAreAcceptedOnlyWhenTheContentIsRight() {
        String owner = "c-" + UUID.randomUUID();
        assertThat(upload(citizen(owner), "申请表.pdf", TestFiles.pdf()).contentType()).isEqualTo("application/pdf");
        byte[] ofd = TestFiles.zip(Map.of("OFD.xml", "<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"/>", "Doc_0/Document.xml", "<x/>"));
        assertThat(upload(citizen(owner), "营业执照.ofd", ofd).contentType()).isEqualTo("application/ofd");
        // a zip that is not an OFD package, or an OFD package not named .ofd, is an ordinary (not allowed) zip
        assertProblem(() -> upload(citizen(owner), "fake.ofd", TestFiles.zip(Map.of("readme.txt", "x"))), 400, "file");
        assertProblem(() -> upload(citizen(owner), "package.zip", ofd), 400, "file");
        assertThat(filesOf(owner)).isEqualTo(2);
    }

    @Test
    void anotherCitizenGets404UntilGrantedAndOfficersSeeTheirScopeOnly() {
        String owner = "c-" + UUID.randomUUID();
        String other = "c-" + UUID.randomUUID();
        StoredFile f = upload(citizen(owner), "a.png", TestFiles.png(3, 3));

        assertProblem(() -> as(citizen(other), () -> files.metadata(f.id())), 404, null);
        assertProblem(() -> as(citizen(other), () -> files.open(f.id())), 404, null);
        // exactly the same answer as for a file that does not exist
        assertProblem(() -> as(citizen(other), () -> files.metadata(UUID.randomUUID().toString())), 404, null);
        assertThat(files.canRead(f.id(), citizen(other))).isFalse();

        files.grant(f.id(), other);
        files.grant(f.id(), other); // idempotent
        assertThat(as(citizen(other), () -> files.metadata(f.id())).id()).isEqualTo(f.id());
        files.revoke(f.id(), other);
        assertProblem(() -> as(citizen(other), () -> files.metadata(f.id())), 404, null);

        // a citizen's own file has no region: officers see it only through a grant
        Caller donghu = officer("o-" + UUID.randomUUID(), "339902", "dept-a", "file:upload");
        assertThat(files.canRead(f.id(), donghu)).isFalse();

        // an officer's upload belongs to the officer's region and department
        StoredFile official = upload(donghu, "scan.pdf", TestFiles.pdf());
        assertThat(official.regionCode()).isEqualTo("339902000000");
        assertThat(official.departmentId()).isEqualTo("dept-a");
        assertThat(files.canRead(official.id(), officer("o2", "339902", "dept-a"))).isTrue();
        // a street-level officer does not see a district-level file
        assertThat(files.canRead(official.id(), officer("o5", "339902001", "dept-a"))).isFalse();
        assertThat(files.canRead(official.id(), officer("o3", "339902", "dept-b"))).isFalse();
        assertThat(files.canRead(official.id(), officer("o4", "339903", "dept-a"))).isFalse();
        assertThat(files.canRead(official.id(), citizen(owner))).isFalse();
        // listing goes through the same scope
        assertThat(as(officer("o4", "339903", "dept-a"), () -> service.list("test", 0, 100))).extracting(StoredFile::id)
                .doesNotContain(official.id(), f.id());
        assertThat(as(officer("o2", "339902", "dept-a"), () -> service.list("test", 0, 100))).extracting(StoredFile::id)
                .contains(official.id()).doesNotContain(f.id());
        assertThat(as(citizen(owner), () -> service.list(null, 0, 100))).extracting(StoredFile::id).containsExactly(f.id());
        Caller admin = new Caller("adm", "adm", "管理员", CallerType.ADMIN, Set.of("ADMIN"), Set.of("*"), Set.of(""), Set.of(), null);
        assertThat(files.canRead(official.id(), admin)).isTrue();
    }

    @Test
    void officersNeedTheUploadPermissionAndCannotFileOutsideTheirScope() {
        Caller noPermission = officer("o-" + UUID.randomUUID(), "339902", "dept-a");
        assertProblem(() -> upload(noPermission, "a.png", TestFiles.png(2, 2)), 403, null);
        Caller donghu = officer("o-" + UUID.randomUUID(), "339902", "dept-a", "file:upload");
        assertProblem(() -> as(donghu, () -> files.store("a.png", null, "339903001001", null,
                new ByteArrayInputStream(TestFiles.png(2, 2)))), 400, "regionCode");
        StoredFile inStreet = as(donghu, () -> files.store("a.png", null, "339902001001", null, new ByteArrayInputStream(TestFiles.png(2, 2))));
        assertThat(inStreet.regionCode()).isEqualTo("339902001001");
        assertProblem(() -> as(citizen("c1"), () -> files.store("a.png", null, "339902001001", null,
                new ByteArrayInputStream(TestFiles.png(2, 2)))), 400, "regionCode");
    }

    @Test
    void tamperingWithStoredBytesIsDetected() throws Exception {
        String owner = "c-" + UUID.randomUUID();
        byte[] png = TestFiles.png(10, 10);
        StoredFile f = upload(citizen(owner), "t.png", png);
        Path p = storedPath(f);
        assertThat(p).exists();
        assertThat(Files.readAllBytes(p)).isEqualTo(png);

        byte[] tampered = Arrays.copyOf(png, png.length);
        tampered[tampered.length / 2] ^= 0x01;
        Files.write(p, tampered);
        VerifyResult changed = as(citizen(owner), () -> files.verify(f.id()));
        assertThat(changed.ok()).isFalse();
        assertThat(changed.problem()).isEqualTo("content-changed");
        assertThat(changed.expectedSha256()).isEqualTo(TestFiles.sha256(png));
        assertThat(changed.actualSha256()).isEqualTo(TestFiles.sha256(tampered));

        Files.write(p, Arrays.copyOf(png, png.length - 1));
        assertThat(as(citizen(owner), () -> files.verify(f.id())).problem()).isEqualTo("size-changed");
        Files.delete(p);
        assertThat(as(citizen(owner), () -> files.verify(f.id())).problem()).isEqualTo("missing");
    }

    @Test
    void aRolledBackUploadLeavesNeitherRowNorBytes() {
        String owner = "c-" + UUID.randomUUID();
        StoredFile[] made = new StoredFile[1];
        tx.executeWithoutResult(s -> {
            made[0] = upload(citizen(owner), "r.png", TestFiles.png(5, 5));
            assertThat(storedPath(made[0])).exists();
            s.setRollbackOnly();
        });
        assertThat(filesOf(owner)).isZero();
        assertThat(storedPath(made[0])).doesNotExist();
    }
}
