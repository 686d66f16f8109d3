package org.yiwang.services;

/**
 * A required material (申请材料) of an item.
 *
 * @param name           material name, e.g. 居民身份证
 * @param required       必要 (true) or 容缺/非必要 (false)
 * @param originals      原件份数
 * @param copies         复印件份数
 * @param format         纸质 / 电子 / 纸质或电子
 * @param licenseType    electronic license type (电子证照类型代码 or name) that satisfies it, or null
 * @param registryLookup {@code PERSON} or {@code LEGAL_ENTITY} when a registry lookup satisfies it, or null
 */
public record Material(String name, boolean required, int originals, int copies, String format, String licenseType,
                       String registryLookup) {

    /** 免提交: the applicant need not hand it in because a license or a registry provides it. */
    public boolean exempt() {
        return licenseType != null || registryLookup != null;
    }
}
