package org.yiwang.organization;

import java.util.List;
import java.util.Optional;

/**
 * Read access to the city's organization (组织体系): regions, departments (委办局), officers (工作人员),
 * their assignments and reporting lines. The only type other modules need from this module.
 */
public interface OrganizationDirectory {

    /** The region with this 12-digit 统计用区划代码. */
    Optional<Region> region(String code);

    /** The direct children of a region, ordered by code. */
    List<Region> children(String parentCode);

    /** All regions, ordered by code. */
    List<Region> regions();

    /** The department with this id. */
    Optional<Department> department(String id);

    /** All departments, ordered by region code then id. */
    List<Department> departments();

    /** The officer with this id. */
    Optional<Officer> officer(String officerId);

    /** The officer with this employee number (工号); demo accounts use their username as employee number. */
    Optional<Officer> officerByEmployeeNo(String employeeNo);

    /** The officer's assignments (one per department and region), ordered by department and region. */
    List<Assignment> assignments(String officerId);

    /** The officer this officer reports to (上级), if any; escalation climbs this line up to the city's leaders. */
    Optional<Officer> reportingTo(String officerId);
}
