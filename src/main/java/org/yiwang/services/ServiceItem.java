package org.yiwang.services;

import java.time.OffsetDateTime;
import java.util.List;

import org.yiwang.organization.RegionLevel;

/**
 * One version of a government service item (政务服务事项).
 *
 * @param id                 id of this version (applications reference it to keep the exact version)
 * @param basicCode          基本编码, e.g. {@code XK00123000} (type 2 letters + main 5 digits + sub 3 digits)
 * @param implementationCode 实施编码: the handling department's 统一社会信用代码 + 13 characters (31 in all)
 * @param version            version number, from 1
 * @param status             DRAFT, PUBLISHED or RETIRED
 * @param name               事项名称 (the same at every level: 三级四同)
 * @param type               事项类型
 * @param level              行使层级 (CITY, DISTRICT or STREET), from the department's region
 * @param legalBasis         设定依据
 * @param statutoryDays      法定时限 in working days
 * @param promisedDays       承诺时限 in working days (≤ 法定)
 * @param departmentId       handling department (实施主体), an organization department id
 * @param departmentName     its name
 * @param handlingType       办件类型: 1 即办件, 2 承诺件
 * @param fees               收费项目; empty means 不收费
 * @param materials          申请材料
 * @param formSchema         the application form as JSON Schema (draft 2020-12 subset), JSON text
 * @param keywords           search keywords
 * @param synonyms           colloquial names citizens search for (e.g. 开公司)
 * @param zones              theme zones (专区)
 * @param publishedAt        when this version was published, or null
 */
public record ServiceItem(String id, String basicCode, String implementationCode, int version, ItemStatus status,
                          String name, ItemType type, RegionLevel level, String legalBasis, int statutoryDays,
                          int promisedDays, String departmentId, String departmentName, int handlingType,
                          List<Fee> fees, List<Material> materials, String formSchema, List<String> keywords,
                          List<String> synonyms, List<ServiceZone> zones, OffsetDateTime publishedAt) {

    /** 办件类型 1: 即办件 (handled on the spot). */
    public static final int IMMEDIATE = 1;
    /** 办件类型 2: 承诺件 (handled within the promised time). */
    public static final int PROMISED = 2;

    /** True when the item charges nothing (不收费). */
    public boolean free() {
        return fees.isEmpty();
    }
}
