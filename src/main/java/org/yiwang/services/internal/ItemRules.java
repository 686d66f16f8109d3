package org.yiwang.services.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.yiwang.organization.Department;
import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.organization.RegionLevel;
import org.yiwang.services.Fee;
import org.yiwang.services.ItemStatus;
import org.yiwang.services.ItemType;
import org.yiwang.services.Material;
import org.yiwang.services.ServiceItem;
import org.yiwang.services.ServiceZone;
import org.yiwang.shared.ids.ChineseIds;
import org.yiwang.shared.web.FieldViolation;

/**
 * The rules of an item's content: code shapes (基本编码, 实施编码 = the handling department's 统一社会信用代码 +
 * 13 characters), time limits (承诺 ≤ 法定), fees, materials, form schema, and 三级四同 (one name, type and
 * legal basis per 基本编码 at every level).
 */
final class ItemRules {

    /** 基本编码: 2-letter type + 5-digit main item + 3-digit sub-item (DB52/T 1264 shape). */
    static final String BASIC_CODE = "[A-Z]{2}\\d{8}";
    /** The 13 characters of a 实施编码 after the department's credit code. */
    static final String IMPLEMENTATION_SUFFIX = "[0-9A-Z]{13}";
    static final int MAX_DAYS = 365;

    private ItemRules() {
    }

    /** The checked content, or the violations found (paths prefixed with {@code prefix}, e.g. "" or "rows[3]."). */
    record Checked(ServiceItem item, List<FieldViolation> violations) {
        boolean ok() {
            return violations.isEmpty();
        }
    }

    static Checked check(ItemInput in, String prefix, OrganizationDirectory organization) {
        List<FieldViolation> v = new ArrayList<>();
        String basicCode = trim(in.basicCode());
        if (basicCode == null) {
            v.add(missing(prefix + "basicCode"));
        } else if (!basicCode.matches(BASIC_CODE)) {
            v.add(new FieldViolation(prefix + "basicCode", "基本编码应为 2 位大写字母 + 5 位主项 + 3 位子项，如 XK00123000",
                    "the basic code is 2 capital letters + 5-digit main item + 3-digit sub-item, e.g. XK00123000"));
        }
        String name = trim(in.name());
        if (name == null) {
            v.add(missing(prefix + "name"));
        } else if (name.length() > 200) {
            v.add(new FieldViolation(prefix + "name", "事项名称最多 200 个字", "the name has at most 200 characters"));
        }
        Optional<ItemType> type = ItemType.parse(in.type());
        if (type.isEmpty()) {
            v.add(new FieldViolation(prefix + "type", "事项类型无效（如 行政许可、公共服务）", "unknown item type (e.g. LICENSING, PUBLIC_SERVICE)"));
        }
        String legalBasis = trim(in.legalBasis());
        if (legalBasis == null) {
            v.add(missing(prefix + "legalBasis"));
        } else if (legalBasis.length() > 4000) {
            v.add(new FieldViolation(prefix + "legalBasis", "设定依据最多 4000 个字", "the legal basis has at most 4000 characters"));
        }
        Department department = null;
        String departmentId = trim(in.departmentId());
        if (departmentId == null) {
            v.add(missing(prefix + "departmentId"));
        } else {
            department = organization.department(departmentId).orElse(null);
            if (department == null) {
                v.add(new FieldViolation(prefix + "departmentId", "实施部门不存在：" + departmentId, "no such department: " + departmentId));
            } else if (department.level() == RegionLevel.COMMUNITY) {
                v.add(new FieldViolation(prefix + "departmentId", "村（社区）不能作为事项实施主体",
                        "a village or community cannot be the implementing body"));
                department = null;
            }
        }
        String implementationCode = trim(in.implementationCode());
        if (implementationCode == null) {
            v.add(missing(prefix + "implementationCode"));
        } else if (implementationCode.length() != 31 || !implementationCode.substring(18).matches(IMPLEMENTATION_SUFFIX)) {
            v.add(new FieldViolation(prefix + "implementationCode", "实施编码应为 31 位：实施部门的统一社会信用代码（18 位）+ 13 位数字或大写字母",
                    "the implementation code has 31 characters: the department's 18-character credit code + 13 digits or capital letters"));
        } else if (!ChineseIds.isValidCreditCode(implementationCode.substring(0, 18))) {
            v.add(new FieldViolation(prefix + "implementationCode", "实施编码的前 18 位不是有效的统一社会信用代码",
                    "the first 18 characters of the implementation code are not a valid unified social credit code"));
        } else if (department != null && !implementationCode.substring(0, 18).equals(department.creditCode())) {
            v.add(new FieldViolation(prefix + "implementationCode", "实施编码的前 18 位应为实施部门的统一社会信用代码 " + department.creditCode(),
                    "the first 18 characters must be the handling department's credit code " + department.creditCode()));
        }
        Integer statutory = in.statutoryDays();
        Integer promised = in.promisedDays();
        if (statutory == null) {
            v.add(missing(prefix + "statutoryDays"));
        } else if (statutory < 0 || statutory > MAX_DAYS) {
            v.add(new FieldViolation(prefix + "statutoryDays", "法定时限应为 0‥365 个工作日", "the statutory limit is 0‥365 working days"));
        }
        if (promised == null) {
            v.add(missing(prefix + "promisedDays"));
        } else if (promised < 0 || promised > MAX_DAYS) {
            v.add(new FieldViolation(prefix + "promisedDays", "承诺时限应为 0‥365 个工作日", "the promised limit is 0‥365 working days"));
        } else if (statutory != null && promised > statutory) {
            v.add(new FieldViolation(prefix + "promisedDays", "承诺时限（" + promised + " 个工作日）不能超过法定时限（" + statutory + " 个工作日）",
                    "the promised limit (" + promised + " working days) cannot exceed the statutory limit (" + statutory + ")"));
        }
        Integer handlingType = in.handlingType();
        if (handlingType == null || (handlingType != ServiceItem.IMMEDIATE && handlingType != ServiceItem.PROMISED)) {
            v.add(new FieldViolation(prefix + "handlingType", "办件类型应为 1（即办件）或 2（承诺件）", "the handling type is 1 (immediate) or 2 (promised)"));
        } else if (handlingType == ServiceItem.PROMISED && promised != null && promised == 0) {
            v.add(new FieldViolation(prefix + "promisedDays", "承诺件的承诺时限至少 1 个工作日", "a promised item needs at least 1 working day"));
        }
        List<Fee> fees = in.fees() == null ? List.of() : in.fees();
        for (int i = 0; i < fees.size(); i++) {
            Fee f = fees.get(i);
            String p = prefix + "fees[" + i + "]";
            if (f == null || trim(f.name()) == null) {
                v.add(missing(p + ".name"));
            }
            if (f != null && (f.amount() == null || f.amount().compareTo(BigDecimal.ZERO) <= 0)) {
                v.add(new FieldViolation(p + ".amount", "收费金额应大于 0（不收费时不列收费项目）", "the amount must be above 0 (list no fee when free)"));
            }
            if (f != null && trim(f.basis()) == null) {
                v.add(missing(p + ".basis"));
            }
        }
        List<Material> materials = in.materials() == null ? List.of() : in.materials();
        for (int i = 0; i < materials.size(); i++) {
            Material m = materials.get(i);
            String p = prefix + "materials[" + i + "]";
            if (m == null || trim(m.name()) == null) {
                v.add(missing(p + ".name"));
                continue;
            }
            if (m.originals() < 0 || m.copies() < 0 || m.originals() + m.copies() > 20) {
                v.add(new FieldViolation(p + ".copies", "原件、复印件份数应为 0‥20", "original and copy counts are 0‥20"));
            }
            if (m.registryLookup() != null && !List.of("PERSON", "LEGAL_ENTITY").contains(m.registryLookup())) {
                v.add(new FieldViolation(p + ".registryLookup", "共享核验应为 PERSON 或 LEGAL_ENTITY", "registry lookup is PERSON or LEGAL_ENTITY"));
            }
        }
        if (in.formSchema() == null) {
            v.add(missing(prefix + "formSchema"));
        } else {
            v.addAll(FormSchemas.check(schemaNode(in), prefix + "formSchema"));
        }
        List<ServiceZone> zones = new ArrayList<>();
        List<String> zoneNames = in.zones() == null ? List.of() : in.zones();
        for (int i = 0; i < zoneNames.size(); i++) {
            Optional<ServiceZone> z = ServiceZone.parse(zoneNames.get(i));
            if (z.isEmpty()) {
                v.add(new FieldViolation(prefix + "zones[" + i + "]", "未知的专区：" + zoneNames.get(i), "unknown zone: " + zoneNames.get(i)));
            } else if (!zones.contains(z.get())) {
                zones.add(z.get());
            }
        }
        if (!v.isEmpty()) {
            return new Checked(null, v);
        }
        List<Material> cleanMaterials = materials.stream().map(m -> new Material(m.name().trim(), m.required(), m.originals(),
                m.copies(), trim(m.format()) == null ? "纸质或电子" : m.format().trim(), trim(m.licenseType()), trim(m.registryLookup())))
                .toList();
        List<Fee> cleanFees = fees.stream().map(f -> new Fee(f.name().trim(), f.amount(), f.basis().trim())).toList();
        ServiceItem item = new ServiceItem(null, basicCode, implementationCode, 0, ItemStatus.DRAFT, name, type.get(),
                department.level(), legalBasis, statutory, promised, department.id(), department.name(), handlingType,
                cleanFees, cleanMaterials, schemaNode(in).toString(), words(in.keywords()), words(in.synonyms()), zones, null);
        return new Checked(item, v);
    }

    /**
     * 三级四同: {@code item} must keep the name, type and legal basis of the same 基本编码 elsewhere.
     * The first differing field is named.
     */
    static List<FieldViolation> sameEverywhere(ServiceItem item, List<ServiceItem> others, String prefix) {
        List<FieldViolation> v = new ArrayList<>();
        for (ServiceItem o : others) {
            if (o.implementationCode().equals(item.implementationCode())) {
                continue;
            }
            String where = o.implementationCode() + "（" + o.departmentName() + "）";
            if (!Objects.equals(o.name(), item.name())) {
                v.add(new FieldViolation(prefix + "name", "三级四同：基本编码 " + item.basicCode() + " 的事项名称应与 " + where + " 一致：" + o.name(),
                        "same item at every level: basic code " + item.basicCode() + " is named \"" + o.name() + "\" at " + o.implementationCode()));
            }
            if (o.type() != item.type()) {
                v.add(new FieldViolation(prefix + "type", "三级四同：基本编码 " + item.basicCode() + " 的事项类型应为 " + o.type().zh(),
                        "same item at every level: basic code " + item.basicCode() + " has type " + o.type()));
            }
            if (!Objects.equals(o.legalBasis(), item.legalBasis())) {
                v.add(new FieldViolation(prefix + "legalBasis", "三级四同：基本编码 " + item.basicCode() + " 的设定依据应与 " + where + " 一致",
                        "same item at every level: basic code " + item.basicCode() + " has a different legal basis at " + o.implementationCode()));
            }
            if (!v.isEmpty()) {
                return v;
            }
        }
        return v;
    }

    static tools.jackson.databind.JsonNode schemaNode(ItemInput in) {
        tools.jackson.databind.JsonNode s = in.formSchema();
        if (s != null && s.isString()) {
            try {
                return ItemStore.JSON.readTree(s.asString());
            } catch (RuntimeException e) {
                return s;
            }
        }
        return s;
    }

    /** True when the two versions have the same content (ignoring id, version, status and dates). */
    static boolean sameContent(ServiceItem a, ServiceItem b) {
        return a.basicCode().equals(b.basicCode()) && a.name().equals(b.name()) && a.type() == b.type()
                && a.legalBasis().equals(b.legalBasis()) && a.statutoryDays() == b.statutoryDays()
                && a.promisedDays() == b.promisedDays() && a.departmentId().equals(b.departmentId())
                && a.handlingType() == b.handlingType() && ItemStore.write(a.fees()).equals(ItemStore.write(b.fees()))
                && a.materials().equals(b.materials())
                && ItemStore.JSON.readTree(a.formSchema()).equals(ItemStore.JSON.readTree(b.formSchema()))
                && a.keywords().equals(b.keywords()) && a.synonyms().equals(b.synonyms()) && a.zones().equals(b.zones());
    }

    private static List<String> words(List<String> in) {
        if (in == null) {
            return List.of();
        }
        return in.stream().filter(Objects::nonNull).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static FieldViolation missing(String field) {
        return new FieldViolation(field, "必填", "required");
    }

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }
}
