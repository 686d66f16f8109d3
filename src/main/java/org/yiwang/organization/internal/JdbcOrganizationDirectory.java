package org.yiwang.organization.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.organization.Assignment;
import org.yiwang.organization.Department;
import org.yiwang.organization.Officer;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.organization.Region;
import org.yiwang.organization.RegionLevel;

/** {@link OrganizationDirectory} on the {@code org_*} tables. */
@Service
@Transactional(readOnly = true)
class JdbcOrganizationDirectory implements OrganizationDirectory {

    static final RowMapper<Region> REGION = (rs, i) -> new Region(rs.getString("code"), rs.getString("name"),
            RegionLevel.valueOf(rs.getString("level")), rs.getString("parent_code"));
    static final RowMapper<Department> DEPARTMENT = (rs, i) -> new Department(rs.getString("id"), rs.getString("name"),
            rs.getString("credit_code"), rs.getString("region_code"), RegionLevel.valueOf(rs.getString("level")), rs.getString("parent_id"));
    static final RowMapper<Officer> OFFICER = (rs, i) -> new Officer(rs.getString("id"), rs.getString("name"),
            rs.getString("employee_no"), rs.getString("reporting_to_id"), rs.getBoolean("active"));

    private static final String REGION_COLUMNS = "select code, name, level, parent_code from org_region";
    private static final String DEPARTMENT_COLUMNS = "select id, name, credit_code, region_code, level, parent_id from org_department";
    private static final String OFFICER_COLUMNS = "select id, name, employee_no, reporting_to_id, active from org_officer";

    private final JdbcClient jdbc;

    JdbcOrganizationDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Region> region(String code) {
        return code == null ? Optional.empty() : jdbc.sql(REGION_COLUMNS + " where code = ?").param(code).query(REGION).optional();
    }

    @Override
    public List<Region> children(String parentCode) {
        return jdbc.sql(REGION_COLUMNS + " where parent_code = ? order by code").param(parentCode).query(REGION).list();
    }

    @Override
    public List<Region> regions() {
        return jdbc.sql(REGION_COLUMNS + " order by code").query(REGION).list();
    }

    @Override
    public Optional<Department> department(String id) {
        return id == null ? Optional.empty() : jdbc.sql(DEPARTMENT_COLUMNS + " where id = ?").param(id).query(DEPARTMENT).optional();
    }

    @Override
    public List<Department> departments() {
        return jdbc.sql(DEPARTMENT_COLUMNS + " order by region_code, id").query(DEPARTMENT).list();
    }

    @Override
    public Optional<Officer> officer(String officerId) {
        return officerId == null ? Optional.empty() : jdbc.sql(OFFICER_COLUMNS + " where id = ?").param(officerId).query(OFFICER).optional();
    }

    @Override
    public Optional<Officer> officerByEmployeeNo(String employeeNo) {
        return employeeNo == null ? Optional.empty()
                : jdbc.sql(OFFICER_COLUMNS + " where employee_no = ?").param(employeeNo).query(OFFICER).optional();
    }

    /** All officers ordered by employee number. */
    List<Officer> officers() {
        return jdbc.sql(OFFICER_COLUMNS + " order by employee_no").query(OFFICER).list();
    }

    @Override
    public List<Assignment> assignments(String officerId) {
        return assignmentsByOfficer(List.of(officerId)).getOrDefault(officerId, List.of());
    }

    /** Assignments of many officers at once (for lists), keyed by officer id. */
    Map<String, List<Assignment>> assignmentsByOfficer(List<String> officerIds) {
        Map<String, Map<String, Set<String>>> grouped = new LinkedHashMap<>();
        if (officerIds.isEmpty()) {
            return Map.of();
        }
        String in = String.join(",", officerIds.stream().map(id -> "?").toList());
        jdbc.sql("select officer_id, department_id, region_code, role_code from org_assignment where officer_id in (" + in
                        + ") order by officer_id, department_id, region_code, role_code")
                .params(new ArrayList<Object>(officerIds))
                .query(rs -> {
                    grouped.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString(2) + "\u0000" + rs.getString(3), k -> new LinkedHashSet<>())
                            .add(rs.getString(4));
                });
        Map<String, List<Assignment>> result = new LinkedHashMap<>();
        grouped.forEach((officer, byKey) -> {
            List<Assignment> list = new ArrayList<>();
            byKey.forEach((key, roles) -> {
                String[] parts = key.split("\u0000", 2);
                list.add(new Assignment(parts[0], parts[1], roles));
            });
            result.put(officer, List.copyOf(list));
        });
        return result;
    }

    @Override
    public Optional<Officer> reportingTo(String officerId) {
        return officer(officerId).flatMap(o -> officer(o.reportingToId()));
    }
}
