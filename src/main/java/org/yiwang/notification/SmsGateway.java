package org.yiwang.notification;

/**
 * Sends one SMS. The default is {@code LoggingSmsGateway}, which sends nothing and records (masked)
 * what would have been sent; declare another {@code SmsGateway} bean (e.g. an HTTP adapter for the
 * operator's SMS platform) to replace it.
 */
public interface SmsGateway {

    /**
     * @param phone mobile number in clear (personal data: implementations must not log it unmasked)
     * @param text  the message text
     * @return the gateway's message id
     * @throws RuntimeException when the gateway refuses or cannot be reached
     */
    String send(String phone, String text);
}
