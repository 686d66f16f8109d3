/**
 * Notifications (消息体系): an in-app inbox (站内信) for every account, e-mail and SMS channels behind
 * {@link org.yiwang.notification.NotificationChannel}, and message templates with {@code ${var}}
 * placeholders kept as data. Other modules publish {@link org.yiwang.notification.NotificationRequested}
 * inside their own transaction (delivered after commit through the event publication registry) or call
 * {@link org.yiwang.notification.Notifier#send} for synchronous delivery.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notification 消息体系")
package org.yiwang.notification;
