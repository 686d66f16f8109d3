package org.yiwang.registries.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.audit.AuditLog;
import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.crypto.Protected;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.organization.Region;
import org.yiwang.organization.RegionLevel;
import org.yiwang.registries.EntityStatus;
import org.yiwang.registries.EntityType;
import org.yiwang.shared.ids.ChineseIds;
import org.yiwang.shared.imports.ImportResult;
import org.yiwang.shared.imports.ImportRows.Row;
import org.yiwang.shared.imports.RowErrors;
import org.yiwang.shared.security.Callers;

/**
 * Imports the person and legal-entity registries: every row is validated (ID number and credit code check
 * characters, known region and providing department, duplicates within the file) and all errors reported
 * at once; nothing is written unless every row is valid. Upserts persons by the ID number's blind index and
 * entities by credit code; every imported row gets the importing source department and a fresh
 * {@code updated_at}. Requires {@code registry:import}.
 */
@Service
public class RegistryImportService {

    public static final String IMPORT = "registry:import";

    /** Person import fields and their accepted column aliases. */
    public static final Map<String, List<String>> PERSON_FIELDS = fields(
            "idNumber", List.of("id_number", "居民身份证号", "身份证号", "公民身份号码"),
            "name", List.of("姓名"),
            "phone", List.of("手机号码", "联系电话", "电话"),
            "address", List.of("住址", "地址"),
            "regionCode", List.of("region_code", "所在社区", "区划代码"),
            "sourceDepartmentId", List.of("source_department_id", "sourceDepartment", "提供部门"));

    /** Legal-entity import fields and their accepted column aliases. */
    public static final Map<String, List<String>> ENTITY_FIELDS = fields(
            "creditCode", List.of("credit_code", "统一社会信用代码"),
            "name", List.of("名称", "企业名称"),
            "entityType", List.of("entity_type", "type", "主体类型", "类型"),
            "legalRepresentative", List.of("legalRepresentativeName", "legal_rep_name", "法定代表人", "负责人"),
            "legalRepresentativeIdNumber", List.of("legal_rep_id_number", "法定代表人身份证号"),
            "registeredAddress", List.of("registered_address", "住所", "注册地址"),
            "regionCode", List.of("region_code", "区划代码"),
            "establishedOn", List.of("established_on", "establishmentDate", "成立日期"),
            "status", List.of("登记状态", "状态"),
            "sourceDepartmentId", List.of("source_department_id", "sourceDepartment", "提供部门"));

    static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}|0\\d{9,11}");
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("uuuu/M/d"), DateTimeFormatter.BASIC_ISO_DATE, DateTimeFormatter.ofPattern("uuuu年M月d日"));

    private final JdbcClient jdbc;
    private final PersonalDataVault vault;
    private final OrganizationDirectory organization;
    private final AuditLog audit;

    RegistryImportService(JdbcClient jdbc, PersonalDataVault vault, OrganizationDirectory organization, AuditLog audit) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.organization = organization;
        this.audit = audit;
    }

    // ------------------------------------------------------------------ persons

    private record PersonRow(String idNumber, String bidx, String name, String phone, String address, String regionCode, String source) {
    }

    @Transactional
    public ImportResult importPersons(List<Row> rows) {
        Callers.require(IMPORT);
        Map<String, Region> regions = regions();
        RowErrors errors = new RowErrors();
        Map<String, Integer> seen = new HashMap<>();
        List<PersonRow> valid = new ArrayList<>();
        for (Row row : rows) {
            String idNumber = ChineseIds.normaliseResidentId(row.text("idNumber"));
            if (idNumber == null) {
                errors.add(row, "idNumber", "必须填写居民身份证号", "is required");
            } else if (!ChineseIds.isValidResidentId(idNumber)) {
                errors.add(row, "idNumber", "不是有效的居民身份证号（GB 11643 出生日期或校验位错误）",
                        "is not a valid resident ID number (GB 11643 birth date or check character)");
            } else if (seen.containsKey(idNumber)) {
                errors.add(row, "idNumber", "与第 " + seen.get(idNumber) + " 行是同一人", "is the same person as row " + seen.get(idNumber));
            } else {
                seen.put(idNumber, row.number());
            }
            String name = row.text("name");
            checkText(errors, row, "name", name, true, 100);
            String phone = row.text("phone") == null ? null : row.text("phone").replaceAll("[\\s-]", "");
            if (phone != null && !PHONE.matcher(phone).matches()) {
                errors.add(row, "phone", "不是有效的手机号码或固定电话", "is not a valid mobile or landline number");
            }
            String address = row.text("address");
            checkText(errors, row, "address", address, false, 200);
            String regionCode = row.text("regionCode");
            Region region = regionCode == null ? null : regions.get(regionCode);
            if (regionCode == null) {
                errors.add(row, "regionCode", "必须填写所在社区（村）的区划代码", "is required");
            } else if (region == null) {
                errors.add(row, "regionCode", "区划不存在：" + regionCode, "unknown region: " + regionCode);
            } else if (region.level() != RegionLevel.COMMUNITY) {
                errors.add(row, "regionCode", "应为社区（村）一级的区划代码", "must be the code of a community or village");
            }
            String source = checkSource(errors, row);
            if (!errors.hasErrors(row)) {
                valid.add(new PersonRow(idNumber, vault.blindIndex(PersonalDataKind.ID_NUMBER, idNumber), name, phone, address, regionCode, source));
            }
        }
        errors.throwIfAny();

        record Existing(String id, String name, String phoneBidx, String addressBidx, String regionCode) {
        }
        Map<String, Existing> existing = new HashMap<>();
        for (List<String> chunk : chunks(valid.stream().map(PersonRow::bidx).toList())) {
            jdbc.sql("select id, id_number_bidx, name, phone_bidx, address_bidx, region_code from reg_person where id_number_bidx in ("
                            + placeholders(chunk.size()) + ")")
                    .params(new ArrayList<Object>(chunk))
                    .query(rs -> {
                        existing.put(rs.getString("id_number_bidx"), new Existing(rs.getString("id"), rs.getString("name"),
                                rs.getString("phone_bidx"), rs.getString("address_bidx"), rs.getString("region_code")));
                    });
        }
        Timestamp now = Timestamp.from(Instant.now());
        int created = 0;
        int updated = 0;
        for (PersonRow p : valid) {
            Protected id = vault.protect(PersonalDataKind.ID_NUMBER, p.idNumber());
            Protected phone = vault.protect(PersonalDataKind.PHONE, p.phone());
            Protected address = vault.protect(PersonalDataKind.ADDRESS, p.address());
            Existing old = existing.get(p.bidx());
            if (old == null) {
                jdbc.sql("""
                        insert into reg_person (id, name, id_number_enc, id_number_bidx, sex, birth_date, phone_enc, phone_bidx,
                                                address_enc, address_bidx, region_code, source_department_id, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(UUID.randomUUID().toString(), p.name(), id.cipherText(), id.blindIndex(), ChineseIds.sex(p.idNumber()),
                                ChineseIds.birthDate(p.idNumber()), phone.cipherText(), phone.blindIndex(), address.cipherText(),
                                address.blindIndex(), p.regionCode(), p.source(), now, now)
                        .update();
                created++;
            } else {
                boolean same = old.name().equals(p.name()) && Objects.equals(old.phoneBidx(), phone.blindIndex())
                        && Objects.equals(old.addressBidx(), address.blindIndex()) && old.regionCode().equals(p.regionCode());
                if (same) {
                    jdbc.sql("update reg_person set source_department_id = ?, updated_at = ? where id = ?")
                            .params(p.source(), now, old.id()).update();
                } else {
                    jdbc.sql("""
                            update reg_person set name = ?, phone_enc = ?, phone_bidx = ?, address_enc = ?, address_bidx = ?,
                                   region_code = ?, source_department_id = ?, updated_at = ? where id = ?""")
                            .params(p.name(), phone.cipherText(), phone.blindIndex(), address.cipherText(), address.blindIndex(),
                                    p.regionCode(), p.source(), now, old.id())
                            .update();
                    updated++;
                }
            }
        }
        ImportResult result = new ImportResult(valid.size(), created, updated, valid.size() - created - updated);
        audit.record("person.import", "person:*", true, result.summary() + " sources=" + sources(valid.stream().map(PersonRow::source).toList()));
        return result;
    }

    // ------------------------------------------------------------------ legal entities

    private record EntityRow(String creditCode, String name, EntityType type, String repName, String repId, String address,
                             String regionCode, LocalDate establishedOn, EntityStatus status, String source) {
    }

    @Transactional
    public ImportResult importLegalEntities(List<Row> rows) {
        Callers.require(IMPORT);
        Map<String, Region> regions = regions();
        RowErrors errors = new RowErrors();
        Map<String, Integer> seen = new HashMap<>();
        List<EntityRow> valid = new ArrayList<>();
        for (Row row : rows) {
            String credit = row.text("creditCode") == null ? null : row.text("creditCode").toUpperCase(Locale.ROOT);
            if (credit == null) {
                errors.add(row, "creditCode", "必须填写统一社会信用代码", "is required");
            } else if (!ChineseIds.isValidCreditCode(credit)) {
                errors.add(row, "creditCode", "不是有效的统一社会信用代码（GB 32100 校验失败）", "is not a valid unified social credit code (GB 32100 check failed)");
                credit = null;
            } else if (seen.containsKey(credit)) {
                errors.add(row, "creditCode", "与第 " + seen.get(credit) + " 行重复", "repeats row " + seen.get(credit));
            } else {
                seen.put(credit, row.number());
            }
            String name = row.text("name");
            checkText(errors, row, "name", name, true, 200);
            EntityType type = EntityType.parse(row.text("entityType"));
            if (row.text("entityType") == null) {
                errors.add(row, "entityType", "必须填写主体类型", "is required");
            } else if (type == null) {
                errors.add(row, "entityType", "未知的主体类型：" + row.text("entityType"), "unknown entity type: " + row.text("entityType"));
            } else if (credit != null && !type.fitsCreditCode(credit)) {
                errors.add(row, "entityType", "与统一社会信用代码的登记管理部门和机构类别代码（前两位 " + credit.substring(0, 2) + "）不符",
                        "does not match the registering authority and type of the credit code (" + credit.substring(0, 2) + ")");
            }
            String repName = row.text("legalRepresentative");
            checkText(errors, row, "legalRepresentative", repName, true, 100);
            String repId = ChineseIds.normaliseResidentId(row.text("legalRepresentativeIdNumber"));
            if (repId == null) {
                errors.add(row, "legalRepresentativeIdNumber", "必须填写法定代表人的居民身份证号", "is required");
            } else if (!ChineseIds.isValidResidentId(repId)) {
                errors.add(row, "legalRepresentativeIdNumber", "不是有效的居民身份证号", "is not a valid resident ID number");
            }
            String address = row.text("registeredAddress");
            checkText(errors, row, "registeredAddress", address, false, 300);
            String regionCode = row.text("regionCode");
            if (regionCode == null) {
                errors.add(row, "regionCode", "必须填写区划代码", "is required");
            } else if (!regions.containsKey(regionCode)) {
                errors.add(row, "regionCode", "区划不存在：" + regionCode, "unknown region: " + regionCode);
            }
            LocalDate established = null;
            if (row.text("establishedOn") != null) {
                established = parseDate(row.text("establishedOn"));
                if (established == null) {
                    errors.add(row, "establishedOn", "日期格式应为 yyyy-MM-dd", "must be a date yyyy-MM-dd");
                } else if (established.isAfter(LocalDate.now())) {
                    errors.add(row, "establishedOn", "成立日期不能晚于今天", "cannot be in the future");
                }
            }
            EntityStatus status = row.text("status") == null ? EntityStatus.ACTIVE : EntityStatus.parse(row.text("status"));
            if (status == null) {
                errors.add(row, "status", "未知的登记状态：" + row.text("status") + "（存续/注销/吊销/迁出/撤销）",
                        "unknown status: " + row.text("status") + " (ACTIVE, DEREGISTERED, REVOKED, MOVED_OUT, CANCELLED)");
            }
            String source = checkSource(errors, row);
            if (!errors.hasErrors(row)) {
                valid.add(new EntityRow(credit, name, type, repName, repId, address, regionCode, established, status, source));
            }
        }
        errors.throwIfAny();

        record Existing(String id, String name, String type, String repName, String repBidx, String address, String regionCode,
                        LocalDate establishedOn, String status) {
        }
        Map<String, Existing> existing = new HashMap<>();
        for (List<String> chunk : chunks(valid.stream().map(EntityRow::creditCode).toList())) {
            jdbc.sql("""
                    select id, credit_code, name, entity_type, legal_rep_name, legal_rep_id_bidx, registered_address, region_code,
                           established_on, status
                    from reg_legal_entity where credit_code in (""" + placeholders(chunk.size()) + ")")
                    .params(new ArrayList<Object>(chunk))
                    .query(rs -> {
                        existing.put(rs.getString("credit_code"), new Existing(rs.getString("id"), rs.getString("name"),
                                rs.getString("entity_type"), rs.getString("legal_rep_name"), rs.getString("legal_rep_id_bidx"),
                                rs.getString("registered_address"), rs.getString("region_code"),
                                JdbcPersonRegistry.date(rs, "established_on"), rs.getString("status")));
                    });
        }
        Timestamp now = Timestamp.from(Instant.now());
        int created = 0;
        int updated = 0;
        for (EntityRow e : valid) {
            Existing old = existing.get(e.creditCode());
            String repBidx = vault.blindIndex(PersonalDataKind.ID_NUMBER, e.repId());
            if (old == null) {
                Protected rep = vault.protect(PersonalDataKind.ID_NUMBER, e.repId());
                jdbc.sql("""
                        insert into reg_legal_entity (id, credit_code, name, entity_type, legal_rep_name, legal_rep_id_enc, legal_rep_id_bidx,
                                                      registered_address, region_code, established_on, status, source_department_id,
                                                      created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(UUID.randomUUID().toString(), e.creditCode(), e.name(), e.type().name(), e.repName(), rep.cipherText(),
                                rep.blindIndex(), e.address(), e.regionCode(), e.establishedOn(), e.status().name(), e.source(), now, now)
                        .update();
                created++;
                continue;
            }
            boolean same = old.name().equals(e.name()) && old.type().equals(e.type().name()) && old.repName().equals(e.repName())
                    && old.repBidx().equals(repBidx) && Objects.equals(old.address(), e.address())
                    && old.regionCode().equals(e.regionCode()) && Objects.equals(old.establishedOn(), e.establishedOn())
                    && old.status().equals(e.status().name());
            if (same) {
                jdbc.sql("update reg_legal_entity set source_department_id = ?, updated_at = ? where id = ?").params(e.source(), now, old.id()).update();
            } else {
                Protected rep = vault.protect(PersonalDataKind.ID_NUMBER, e.repId());
                jdbc.sql("""
                        update reg_legal_entity set name = ?, entity_type = ?, legal_rep_name = ?, legal_rep_id_enc = ?, legal_rep_id_bidx = ?,
                               registered_address = ?, region_code = ?, established_on = ?, status = ?, source_department_id = ?, updated_at = ?
                        where id = ?""")
                        .params(e.name(), e.type().name(), e.repName(), rep.cipherText(), rep.blindIndex(), e.address(), e.regionCode(),
                                e.establishedOn(), e.status().name(), e.source(), now, old.id())
                        .update();
                updated++;
            }
        }
        ImportResult result = new ImportResult(valid.size(), created, updated, valid.size() - created - updated);
        audit.record("legal-entity.import", "legal-entity:*", true,
                result.summary() + " sources=" + sources(valid.stream().map(EntityRow::source).toList()));
        return result;
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, Region> regions() {
        Map<String, Region> map = new HashMap<>();
        organization.regions().forEach(r -> map.put(r.code(), r));
        return map;
    }

    private String checkSource(RowErrors errors, Row row) {
        String source = row.text("sourceDepartmentId");
        if (source == null) {
            errors.add(row, "sourceDepartmentId", "必须填写提供部门", "is required");
        } else if (organization.department(source).isEmpty()) {
            errors.add(row, "sourceDepartmentId", "提供部门不存在：" + source, "unknown department: " + source);
        }
        return source;
    }

    private static void checkText(RowErrors errors, Row row, String field, String value, boolean required, int max) {
        if (value == null) {
            if (required) {
                errors.add(row, field, "必须填写", "is required");
            }
        } else if (value.codePointCount(0, value.length()) > max) {
            errors.add(row, field, "最长 " + max + " 个字符", "must be at most " + max + " characters");
        }
    }

    static LocalDate parseDate(String text) {
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(text.trim(), f);
            } catch (DateTimeParseException ignored) {
                // try the next format
            }
        }
        return null;
    }

    private static String sources(List<String> sources) {
        return String.join(",", new TreeSet<>(sources));
    }

    private static List<List<String>> chunks(List<String> values) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < values.size(); i += 500) {
            chunks.add(values.subList(i, Math.min(values.size(), i + 500)));
        }
        return chunks;
    }

    private static String placeholders(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    private static Map<String, List<String>> fields(Object... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> aliases = (List<String>) pairs[i + 1];
            map.put((String) pairs[i], aliases);
        }
        return map;
    }
}
