package org.yiwang.organization.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.yiwang.organization.Assignment;
import org.yiwang.organization.Department;
import org.yiwang.organization.Region;
import org.yiwang.organization.RegionLevel;
import org.yiwang.shared.imports.ImportRows;
import org.yiwang.shared.imports.RowErrors;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/** Unit tests of the import rules that need no database. */
class OrganizationRulesTest {

    @Test
    void parentCodeIsOneLevelUpWithTheSamePrefix() {
        assertThat(OrganizationImportService.parentOf("339902000000", RegionLevel.DISTRICT)).isEqualTo("339900000000");
        assertThat(OrganizationImportService.parentOf("339902001000", RegionLevel.STREET)).isEqualTo("339902000000");
        assertThat(OrganizationImportService.parentOf("339903100201", RegionLevel.COMMUNITY)).isEqualTo("339903100000");
    }

    @Test
    void levelNamesInEnglishAndChinese() {
        assertThat(OrganizationImportService.parseLevel("district")).isEqualTo(RegionLevel.DISTRICT);
        assertThat(OrganizationImportService.parseLevel("镇")).isEqualTo(RegionLevel.STREET);
        assertThat(OrganizationImportService.parseLevel("村（社区）")).isEqualTo(RegionLevel.COMMUNITY);
        assertThat(OrganizationImportService.parseLevel("省")).isNull();
    }

    @Test
    void cyclesAreFoundWithTheirPath() {
        Map<String, String> boss = new HashMap<>();
        boss.put("a", "b");
        boss.put("b", "c");
        boss.put("c", "a");
        boss.put("d", "a");
        boss.put("e", null);
        assertThat(OrganizationImportService.cycleFrom("a", boss)).containsExactly("a", "b", "c", "a");
        assertThat(OrganizationImportService.cycleFrom("d", boss)).as("d reaches a loop it is not part of").isNull();
        assertThat(OrganizationImportService.cycleFrom("e", boss)).isNull();
        assertThat(OrganizationImportService.cycleFrom("x", boss)).isNull();
    }

    @Test
    void assignmentsParseFromCsvTextAndReportEachBadPart() {
        Map<String, Department> departments = Map.of("dh-urban",
                new Department("dh-urban", "东湖区城市管理局", "11339902MB00020034", "339902000000", RegionLevel.DISTRICT, null));
        Map<String, Region> regions = Map.of(
                "339902000000", new Region("339902000000", "东湖区", RegionLevel.DISTRICT, "339900000000"),
                "339902001001", new Region("339902001001", "柳岸社区", RegionLevel.COMMUNITY, "339902001000"),
                "339903000000", new Region("339903000000", "西山区", RegionLevel.DISTRICT, "339900000000"));
        RowErrors ok = new RowErrors();
        List<Assignment> parsed = OrganizationImportService.parseAssignments(row(3, "dh-urban@339902000000:reviewer|DECIDER ; dh-urban@339902001001:GRID_WORKER"),
                ok, departments, regions);
        assertThat(ok.isEmpty()).isTrue();
        assertThat(parsed).containsExactly(new Assignment("dh-urban", "339902000000", Set.of("REVIEWER", "DECIDER")),
                new Assignment("dh-urban", "339902001001", Set.of("GRID_WORKER")));

        RowErrors bad = new RowErrors();
        OrganizationImportService.parseAssignments(row(4, "nope@339902000000:CLERK;dh-urban@339903000000:CLERK;dh-urban@339902000000:BOSS;garbage"),
                bad, departments, regions);
        try {
            bad.throwIfAny();
        } catch (ProblemException e) {
            assertThat(e.violations()).extracting(FieldViolation::field).containsExactly(
                    "rows[4].assignments[1].departmentId", "rows[4].assignments[2].regionCode", "rows[4].assignments[3].roles",
                    "rows[4].assignments[4]");
            return;
        }
        throw new AssertionError("expected errors");
    }

    @Test
    void assignmentsParseFromJsonObjects() {
        Map<String, Department> departments = Map.of("dh-urban",
                new Department("dh-urban", "东湖区城市管理局", "11339902MB00020034", "339902000000", RegionLevel.DISTRICT, null));
        Map<String, Region> regions = Map.of("339902000000", new Region("339902000000", "东湖区", RegionLevel.DISTRICT, "339900000000"));
        RowErrors errors = new RowErrors();
        ImportRows.Row row = new ImportRows.Row(1, Map.of("assignments", List.of(
                Map.of("departmentId", "dh-urban", "regionCode", "339902000000", "roles", List.of("CLERK")),
                Map.of("departmentId", "dh-urban", "regionCode", "339902000000", "roles", List.of("REVIEWER")))));
        List<Assignment> parsed = OrganizationImportService.parseAssignments(row, errors, departments, regions);
        assertThat(parsed).hasSize(1);
        assertThat(errors.violations()).extracting(FieldViolation::field).containsExactly("rows[1].assignments[2]");
    }

    private static ImportRows.Row row(int n, String assignments) {
        return new ImportRows.Row(n, Map.of("assignments", assignments));
    }
}
