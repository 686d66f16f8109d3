package org.yiwang.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.yiwang.organization.internal.OrganizationImportService;
import org.yiwang.shared.imports.ImportResult;
import org.yiwang.shared.imports.ImportRows;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;
import org.yiwang.support.AsCaller;
import org.yiwang.support.IntegrationTest;

/**
 * Imports through the service (all-or-nothing validation, upserts, cycles, permissions). Uses a second
 * fictional city 339800 so the demo city stays as the other tests expect it.
 */
class OrganizationImportTest extends IntegrationTest {

    static final Caller ADMIN = AsCaller.admin("region:manage", "department:manage", "officer:manage");

    @Autowired
    OrganizationImportService imports;

    @Autowired
    OrganizationDirectory directory;

    static List<ImportRows.Row> csv(String text, java.util.Map<String, List<String>> fields) {
        return ImportRows.parse(text.getBytes(StandardCharsets.UTF_8), ImportRows.Format.CSV, fields);
    }

    private ImportResult regions(String text) {
        return AsCaller.call(ADMIN, () -> imports.importRegions(csv(text, OrganizationImportService.REGION_FIELDS)));
    }

    private ImportResult departments(String text) {
        return AsCaller.call(ADMIN, () -> imports.importDepartments(csv(text, OrganizationImportService.DEPARTMENT_FIELDS)));
    }

    private ImportResult officers(String text) {
        return AsCaller.call(ADMIN, () -> imports.importOfficers(csv(text, OrganizationImportService.OFFICER_FIELDS)));
    }

    private static List<String> fieldsOf(Throwable e) {
        return ((ProblemException) e).violations().stream().map(FieldViolation::field).toList();
    }

    @Test
    void badRegionRowsAreAllReportedAndNothingIsWritten() {
        int before = directory.regions().size();
        String file = """
                code,name,level,parentCode
                339800000000,测试市,CITY,
                339801000000,好区,DISTRICT,339800000000
                33980200000,坏代码,DISTRICT,339800000000
                339803000000,,DISTRICT,339800000000
                339801001000,跳级街道,STREET,339800000000
                339801001001,错级别社区,DISTRICT,339801001000
                339801000000,重复区,DISTRICT,339800000000
                339804001001,无上级社区,COMMUNITY,339804001000
                """;
        assertThatThrownBy(() -> regions(file)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status().value()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid-import");
            assertThat(e.violations()).extracting(FieldViolation::field).containsExactly(
                    "rows[3].code", "rows[4].name", "rows[5].parentCode", "rows[6].level", "rows[7].code", "rows[8].parentCode");
            assertThat(e.violations().get(0).messageEn()).startsWith("row 3: rows[3].code");
            assertThat(e.violations().get(0).messageZh()).startsWith("第 3 行");
        });
        assertThat(directory.regions()).hasSize(before);
        assertThat(directory.region("339800000000")).isEmpty();
    }

    @Test
    void goodImportsUpsertAndAreIdempotent() {
        String file = """
                区划代码,名称,级别,上级代码
                339700000000,导入市,市,
                339701000000,导入一区,区,339700000000
                339701001000,导入街道,街道,339701000000
                339701001001,导入社区,社区,339701001000
                """;
        assertThat(regions(file)).isEqualTo(new ImportResult(4, 4, 0, 0));
        assertThat(regions(file)).isEqualTo(new ImportResult(4, 0, 0, 4));
        assertThat(regions(file.replace("导入社区", "改名社区"))).isEqualTo(new ImportResult(4, 0, 1, 3));
        assertThat(directory.region("339701001001")).get().extracting(Region::name, Region::level, Region::parentCode)
                .containsExactly("改名社区", RegionLevel.COMMUNITY, "339701001000");

        String depts = """
                id,name,creditCode,regionCode,parentId
                t7-gov,导入市政府办公室,%s,339700000000,
                t7-amr,导入一区市场监管局,%s,339701000000,t7-gov
                """.formatted(credit("11339700MB0000001"), credit("11339701MB0000002"));
        assertThat(departments(depts)).isEqualTo(new ImportResult(2, 2, 0, 0));
        assertThat(departments(depts)).isEqualTo(new ImportResult(2, 0, 0, 2));
        assertThat(directory.department("t7-amr")).get().extracting(Department::parentId, Department::level)
                .containsExactly("t7-gov", RegionLevel.DISTRICT);

        String people = """
                employeeNo,name,reportingTo,active,assignments
                t7-boss,导入领导,,true,t7-gov@339700000000:DECIDER
                t7-worker,导入网格员,t7-boss,是,t7-amr@339701001001:GRID_WORKER|DEPT_HANDLER
                """;
        assertThat(officers(people)).isEqualTo(new ImportResult(2, 2, 0, 0));
        assertThat(officers(people)).isEqualTo(new ImportResult(2, 0, 0, 2));
        Officer worker = directory.officerByEmployeeNo("t7-worker").orElseThrow();
        assertThat(directory.reportingTo(worker.id())).get().extracting(Officer::employeeNo).isEqualTo("t7-boss");
        assertThat(directory.assignments(worker.id()))
                .containsExactly(new Assignment("t7-amr", "339701001001", java.util.Set.of("GRID_WORKER", "DEPT_HANDLER")));

        // JSON: deactivate and move the worker's assignment
        String json = """
                [{"employeeNo":"t7-worker","name":"导入网格员","reportingTo":"t7-boss","active":false,
                  "assignments":[{"departmentId":"t7-amr","regionCode":"339701000000","roles":["REVIEWER"]}]}]""";
        ImportResult r = AsCaller.call(ADMIN, () -> imports.importOfficers(
                ImportRows.parse(json.getBytes(StandardCharsets.UTF_8), ImportRows.Format.JSON, OrganizationImportService.OFFICER_FIELDS)));
        assertThat(r).isEqualTo(new ImportResult(1, 0, 1, 0));
        assertThat(directory.officer(worker.id())).get().extracting(Officer::active).isEqualTo(false);
        assertThat(directory.assignments(worker.id())).containsExactly(new Assignment("t7-amr", "339701000000", java.util.Set.of("REVIEWER")));
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'officer.import'", Integer.class)).isPositive();
    }

    @Test
    void reportingCyclesAreRejectedWithTheirPath() {
        officers("""
                employeeNo,name,reportingTo,active,assignments
                cyc-a,甲,,true,
                cyc-b,乙,cyc-a,true,
                cyc-c,丙,cyc-b,true,
                """);
        // making the top report to the bottom closes a loop through existing lines
        assertThatThrownBy(() -> officers("""
                employeeNo,name,reportingTo,active,assignments
                cyc-a,甲,cyc-c,true,
                """)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("rows[1].reportingTo");
            assertThat(e.violations().get(0).messageEn()).contains("cyc-a -> cyc-c -> cyc-b -> cyc-a");
        });
        assertThat(directory.reportingTo(directory.officerByEmployeeNo("cyc-a").orElseThrow().id())).isEmpty();
        // loops inside one file, and self-reporting
        assertThatThrownBy(() -> officers("""
                employeeNo,name,reportingTo,active,assignments
                cyc-x,戊,cyc-y,true,
                cyc-y,己,cyc-x,true,
                cyc-z,庚,cyc-z,true,
                """)).satisfies(e -> assertThat(fieldsOf(e)).containsExactly("rows[3].reportingTo", "rows[1].reportingTo", "rows[2].reportingTo"));
        assertThat(directory.officerByEmployeeNo("cyc-x")).isEmpty();
    }

    @Test
    void badDepartmentAndOfficerRowsAreAllReported() {
        assertThatThrownBy(() -> departments("""
                id,name,creditCode,regionCode,parentId
                Bad Id,名称,%s,339902000000,
                ok-1,错误代码,11339902MB000000XX,339902000000,
                ok-2,社区部门,%s,339902001001,
                ok-3,重复代码,%s,339902000000,
                ok-4,未知上级,%s,339999000000,nope
                """.formatted(credit("11339902MB0099001"), credit("11339902MB0099002"), credit("11339902MB00020034".substring(0, 17)),
                credit("11339902MB0099004")))).satisfies(e -> assertThat(fieldsOf(e)).containsExactly(
                "rows[1].id", "rows[2].creditCode", "rows[3].regionCode", "rows[4].creditCode", "rows[5].regionCode", "rows[5].parentId"));
        assertThat(directory.department("ok-1")).isEmpty();

        assertThatThrownBy(() -> officers("""
                employeeNo,name,reportingTo,active,assignments
                t8-a,,nobody,maybe,dh-urban@339903000000:CLERK
                t8-a,重复,,true,
                """)).satisfies(e -> assertThat(fieldsOf(e)).containsExactly(
                "rows[1].name", "rows[1].active", "rows[1].reportingTo", "rows[1].assignments[1].regionCode", "rows[2].employeeNo"));
    }

    @Test
    void importsNeedTheirPermission() {
        Caller officer = AsCaller.officer(java.util.Set.of("339902"), "region:read");
        assertThatThrownBy(() -> AsCaller.call(officer, () -> imports.importRegions(csv("code,name\n339600000000,无权市\n",
                OrganizationImportService.REGION_FIELDS)))).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.status().value()).isEqualTo(403));
        assertThat(directory.region("339600000000")).isEmpty();
    }

    static String credit(String first17) {
        return first17 + org.yiwang.shared.ids.ChineseIds.creditCodeCheckChar(first17);
    }
}
