package org.yiwang.registries.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.crypto.Masking;
import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.organization.Department;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.organization.Region;
import org.yiwang.registries.EntityStatus;
import org.yiwang.registries.EntityType;
import org.yiwang.registries.LegalEntityRecord;
import org.yiwang.registries.PersonRecord;
import org.yiwang.shared.security.AccessScope;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/**
 * Officers' reads of the registries ({@code registry:read}): scoped by {@link AccessScope} on the record's
 * region, personal data shown through {@link PersonalDataVault#display} (masked unless the caller holds
 * {@code personal-data:read-full}; full reads are audited). Lists always show masked values. Transactions
 * are read-write because full reads write their audit entries.
 */
@Service
@Transactional
public class RegistryQueries {

    public static final String READ = "registry:read";
    static final String PURPOSE = "registry-view";

    private final JdbcClient jdbc;
    private final JdbcPersonRegistry persons;
    private final JdbcLegalEntityRegistry entities;
    private final PersonalDataVault vault;
    private final OrganizationDirectory organization;

    RegistryQueries(JdbcClient jdbc, JdbcPersonRegistry persons, JdbcLegalEntityRegistry entities, PersonalDataVault vault,
                    OrganizationDirectory organization) {
        this.jdbc = jdbc;
        this.persons = persons;
        this.entities = entities;
        this.vault = vault;
        this.organization = organization;
    }

    /** A person as an officer sees it; {@code masked} tells whether personal fields are masked. */
    public record PersonView(String id, String name, String idNumber, String sex, LocalDate birthDate, String phone, String address,
                             String regionCode, String regionName, String sourceDepartmentId, String sourceDepartmentName,
                             Instant updatedAt, boolean masked) {
    }

    /** A legal entity as an officer sees it. */
    public record LegalEntityView(String id, String creditCode, String name, EntityType entityType, String entityTypeName,
                                  String legalRepresentative, String legalRepresentativeIdNumber, String registeredAddress,
                                  String regionCode, String regionName, LocalDate establishedOn, EntityStatus status,
                                  String statusName, String sourceDepartmentId, String sourceDepartmentName, Instant updatedAt,
                                  boolean masked) {
    }

    /** One page of a list. */
    public record Page<T>(List<T> items, int offset, int limit, long total) {
    }

    // ------------------------------------------------------------------ persons

    public PersonView person(String id) {
        Caller c = Callers.require(READ);
        PersonRecord p = persons.find(id).filter(r -> c.scope().allows(r.regionCode(), null, null))
                .orElseThrow(() -> ProblemException.notFound("人员 person", id));
        return view(p, c);
    }

    /** Exact search by 居民身份证号 (through its blind index), within the caller's scope. */
    public Optional<PersonView> personByIdNumber(String idNumber) {
        Caller c = Callers.require(READ);
        return persons.findByIdNumber(idNumber).filter(r -> c.scope().allows(r.regionCode(), null, null)).map(p -> view(p, c));
    }

    /** Persons within the caller's scope (optionally one region's subtree), masked, ordered by region then name. */
    public Page<PersonView> persons(String regionCode, int offset, int limit) {
        Caller c = Callers.require(READ);
        AccessScope.Predicate scope = c.scope().where("region_code", null, null);
        List<Object> params = new ArrayList<>(scope.params());
        String where = " where " + scope.sql();
        if (regionCode != null && !regionCode.isBlank()) {
            where += " and region_code like ?";
            params.add(regionPrefix(regionCode) + "%");
        }
        long total = jdbc.sql("select count(*) from reg_person" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(limit);
        pageParams.add(offset);
        List<PersonView> items = jdbc.sql(JdbcPersonRegistry.COLUMNS + where + " order by region_code, name, id limit ? offset ?")
                .params(pageParams).query(JdbcPersonRegistry.PERSON).list().stream().map(p -> view(p, null)).toList();
        return new Page<>(items, offset, limit, total);
    }

    /** The view of a person: full values (audited) for a caller with full-read permission, else masked; null caller = masked. */
    PersonView view(PersonRecord p, Caller c) {
        boolean full = c != null && c.can(PersonalDataVault.READ_FULL);
        Caller viewer = full ? c : null;
        return new PersonView(p.id(), full ? p.name() : Masking.mask(PersonalDataKind.NAME, p.name()),
                vault.display(PersonalDataKind.ID_NUMBER, p.idNumberCipher(), p.subjectRef(), PURPOSE, viewer),
                p.sex(), full ? p.birthDate() : null,
                vault.display(PersonalDataKind.PHONE, p.phoneCipher(), p.subjectRef(), PURPOSE, viewer),
                vault.display(PersonalDataKind.ADDRESS, p.addressCipher(), p.subjectRef(), PURPOSE, viewer),
                p.regionCode(), regionName(p.regionCode()), p.sourceDepartmentId(), departmentName(p.sourceDepartmentId()),
                p.updatedAt(), !full);
    }

    // ------------------------------------------------------------------ legal entities

    public LegalEntityView legalEntity(String id) {
        Caller c = Callers.require(READ);
        LegalEntityRecord e = entities.find(id).filter(r -> c.scope().allows(r.regionCode(), null, null))
                .orElseThrow(() -> ProblemException.notFound("法人 legal entity", id));
        return view(e, c);
    }

    public Optional<LegalEntityView> legalEntityByCreditCode(String creditCode) {
        Caller c = Callers.require(READ);
        return entities.findByCreditCode(creditCode).filter(r -> c.scope().allows(r.regionCode(), null, null)).map(e -> view(e, c));
    }

    public Page<LegalEntityView> legalEntities(String regionCode, int offset, int limit) {
        Caller c = Callers.require(READ);
        AccessScope.Predicate scope = c.scope().where("region_code", null, null);
        List<Object> params = new ArrayList<>(scope.params());
        String where = " where " + scope.sql();
        if (regionCode != null && !regionCode.isBlank()) {
            where += " and region_code like ?";
            params.add(regionPrefix(regionCode) + "%");
        }
        long total = jdbc.sql("select count(*) from reg_legal_entity" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(limit);
        pageParams.add(offset);
        List<LegalEntityView> items = jdbc.sql(JdbcLegalEntityRegistry.COLUMNS + where + " order by region_code, name, id limit ? offset ?")
                .params(pageParams).query(JdbcLegalEntityRegistry.ENTITY).list().stream().map(e -> view(e, null)).toList();
        return new Page<>(items, offset, limit, total);
    }

    LegalEntityView view(LegalEntityRecord e, Caller c) {
        boolean full = c != null && c.can(PersonalDataVault.READ_FULL);
        return new LegalEntityView(e.id(), e.creditCode(), e.name(), e.entityType(), e.entityType().label(), e.legalRepresentativeName(),
                vault.display(PersonalDataKind.ID_NUMBER, e.legalRepresentativeIdCipher(), e.subjectRef(), PURPOSE, full ? c : null),
                e.registeredAddress(), e.regionCode(), regionName(e.regionCode()), e.establishedOn(), e.status(), e.status().label(),
                e.sourceDepartmentId(), departmentName(e.sourceDepartmentId()), e.updatedAt(), !full);
    }

    /** The subtree prefix of a region filter; 400 unless it is a 12-digit statistical region code. */
    static String regionPrefix(String regionCode) {
        String code = regionCode.trim();
        if (!org.yiwang.shared.ids.ChineseIds.isValidStatisticalRegionCode(code)) {
            throw ProblemException.invalidField("regionCode", "应为 12 位统计用区划代码", "must be a 12-digit statistical region code");
        }
        return org.yiwang.shared.ids.ChineseIds.regionPrefix(code);
    }

    private String regionName(String code) {
        return organization.region(code).map(Region::name).orElse(null);
    }

    private String departmentName(String id) {
        return organization.department(id).map(Department::name).orElse(null);
    }
}
