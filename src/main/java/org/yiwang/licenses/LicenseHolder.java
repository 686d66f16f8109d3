package org.yiwang.licenses;

/**
 * The subject a license is issued to (持证主体).
 *
 * @param kind       person or legal entity
 * @param name       the holder's name (姓名 / 名称)
 * @param identifier the person's 居民身份证号 or the entity's 统一社会信用代码 (validated on issue)
 * @param accountId  the holder's platform account, if known (lets the holder see it under 我的证照); may be null
 */
public record LicenseHolder(HolderKind kind, String name, String identifier, String accountId) {

    public static LicenseHolder person(String name, String idNumber, String accountId) {
        return new LicenseHolder(HolderKind.PERSON, name, idNumber, accountId);
    }

    public static LicenseHolder legalEntity(String name, String creditCode, String accountId) {
        return new LicenseHolder(HolderKind.LEGAL_ENTITY, name, creditCode, accountId);
    }
}
