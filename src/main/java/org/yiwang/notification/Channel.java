package org.yiwang.notification;

/** The ways a notification reaches an account. */
public enum Channel {
    /** 站内信: the account's inbox in the platform. */
    IN_APP,
    /** 电子邮件 (only when an SMTP server is configured: {@code spring.mail.host}). */
    EMAIL,
    /** 短信 through the configured {@link SmsGateway}. */
    SMS
}
