package org.yiwang.shared.security;

/** The kinds of account. */
public enum CallerType {
    /** 自然人 (citizen), real-name verified. */
    CITIZEN,
    /** 法人 (enterprise or other legal entity), acting through its legal representative or an agent. */
    ENTERPRISE,
    /** 工作人员 (government officer). */
    OFFICER,
    /** 系统管理员 (platform administrator). */
    ADMIN,
    /** Another system (API client, OIDC client). */
    SYSTEM
}
