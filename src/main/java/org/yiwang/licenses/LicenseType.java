package org.yiwang.licenses;

import java.util.List;

/**
 * A license type (证照类型).
 *
 * @param code          证照类型代码 (GB/T 36904): the defining authority's 统一社会信用代码 + 3 digits (21 characters)
 * @param name          name, e.g. 营业执照
 * @param nameEn        English name
 * @param issuingLevel  颁发层级: {@code CITY}, {@code DISTRICT} or {@code STREET}
 * @param holderKind    who holds it
 * @param fields        the template fields (照面信息项) in display order
 * @param validityYears default validity in years; null = long-term (长期)
 */
public record LicenseType(String code, String name, String nameEn, String issuingLevel, HolderKind holderKind,
                          List<Field> fields, Integer validityYears) {

    public LicenseType {
        fields = List.copyOf(fields);
    }

    /**
     * A template field.
     *
     * @param key      machine key, e.g. {@code registeredCapital}
     * @param label    Chinese label, e.g. 注册资本
     * @param labelEn  English label
     * @param required must be given on issue
     */
    public record Field(String key, String label, String labelEn, boolean required) {
    }
}
