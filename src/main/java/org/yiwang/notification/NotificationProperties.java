package org.yiwang.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the notification module ({@code yiwang.notification.*}).
 *
 * @param mailFrom       sender address of notification e-mails
 * @param smsSignature   the 短信签名 put in front of every SMS, e.g. {@code 【示例市】}; empty to use the city name
 * @param smsRecentKept  how many recent messages the logging SMS gateway keeps in memory for inspection
 */
@ConfigurationProperties("yiwang.notification")
record NotificationProperties(@DefaultValue("noreply@yiwang.local") String mailFrom,
                              @DefaultValue("") String smsSignature,
                              @DefaultValue("200") int smsRecentKept) {
}
