package org.yiwang.crypto;

/** Kinds of personal data (个人信息) the platform encrypts at rest and masks on screen. */
public enum PersonalDataKind {
    /** 居民身份证号 */
    ID_NUMBER,
    /** 手机号码 */
    PHONE,
    /** 住址 */
    ADDRESS,
    /** 电子邮箱 */
    EMAIL,
    /** 姓名 (names are shown masked to roles without full access) */
    NAME
}
