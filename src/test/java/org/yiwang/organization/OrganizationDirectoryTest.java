package org.yiwang.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.yiwang.shared.ids.ChineseIds;
import org.yiwang.support.IntegrationTest;

/** The demo city as seen through {@link OrganizationDirectory}. */
class OrganizationDirectoryTest extends IntegrationTest {

    @Autowired
    OrganizationDirectory directory;

    @Test
    void demoCityHasItsRegionsAtEveryLevel() {
        Map<RegionLevel, Long> byLevel = directory.regions().stream().filter(r -> r.code().startsWith("3399"))
                .collect(Collectors.groupingBy(Region::level, Collectors.counting()));
        assertThat(byLevel).containsEntry(RegionLevel.CITY, 1L).containsEntry(RegionLevel.DISTRICT, 2L)
                .containsEntry(RegionLevel.STREET, 4L).containsEntry(RegionLevel.COMMUNITY, 8L);
        assertThat(directory.region("339902001001")).get().extracting(Region::name, Region::level, Region::parentCode)
                .containsExactly("柳岸社区", RegionLevel.COMMUNITY, "339902001000");
        assertThat(directory.region("339902000000").orElseThrow().divisionCode()).isEqualTo("339902");
        assertThat(directory.children("339902000000")).extracting(Region::name).containsExactly("湖滨街道", "文华街道");
        assertThat(directory.region("339999999999")).isEmpty();
    }

    @Test
    void demoDepartmentsHaveValidCreditCodes() {
        List<Department> departments = directory.departments();
        assertThat(departments.stream().filter(d -> d.level() == RegionLevel.CITY).count()).isGreaterThanOrEqualTo(10);
        assertThat(departments).allSatisfy(d -> assertThat(ChineseIds.isValidCreditCode(d.creditCode())).as(d.name()).isTrue());
        assertThat(directory.department("dh-service")).get().extracting(Department::name, Department::regionCode, Department::level)
                .containsExactly("东湖区行政服务中心", "339902000000", RegionLevel.DISTRICT);
    }

    @Test
    void demoOfficersHaveAssignmentsAndReportingLinesUpToTheCity() {
        Officer officer = directory.officerByEmployeeNo("demo-officer").orElseThrow();
        assertThat(directory.assignments(officer.id())).containsExactlyInAnyOrder(
                new Assignment("dh-amr", "339902000000", java.util.Set.of("REVIEWER", "DECIDER", "DEPT_HANDLER")),
                new Assignment("dh-urban", "339902000000", java.util.Set.of("REVIEWER", "DECIDER", "DEPT_HANDLER")));
        Officer grid = directory.officerByEmployeeNo("demo-gridworker").orElseThrow();
        assertThat(directory.assignments(grid.id())).singleElement().satisfies(a -> {
            assertThat(a.regionCode()).isEqualTo("339902001001");
            assertThat(a.roles()).containsExactly("GRID_WORKER");
        });
        // climb the reporting line: grid worker → supervisor → district leader → city leader (top)
        Officer current = grid;
        int steps = 0;
        while (directory.reportingTo(current.id()).isPresent()) {
            current = directory.reportingTo(current.id()).orElseThrow();
            steps++;
        }
        assertThat(current.employeeNo()).isEqualTo("city-leader");
        assertThat(steps).isEqualTo(3);
        for (String no : List.of("demo-clerk", "demo-officer-xishan", "demo-supervisor", "demo-dispatcher")) {
            assertThat(directory.officerByEmployeeNo(no)).as(no).get().extracting(Officer::active).isEqualTo(true);
        }
        assertThat(directory.officerByEmployeeNo("demo-clerk").flatMap(o -> directory.assignments(o.id()).stream().findFirst()))
                .get().extracting(Assignment::departmentId).isEqualTo("dh-service");
    }
}
