package org.yiwang.licenses;

/** Kind of license holder (持证主体). */
public enum HolderKind {
    /** 自然人: identified by the 居民身份证号 (GB 11643), stored encrypted. */
    PERSON,
    /** 法人或其他组织: identified by the 统一社会信用代码 (GB 32100). */
    LEGAL_ENTITY
}
