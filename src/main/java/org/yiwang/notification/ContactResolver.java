package org.yiwang.notification;

import java.util.Locale;
import java.util.Optional;

/**
 * Where to reach an account: implemented by the identity module (which holds the accounts' encrypted
 * phone numbers and e-mail addresses). Until it provides one, a default that resolves nothing is used,
 * so e-mail and SMS deliveries are reported as SKIPPED. Values returned are personal data: the
 * notification module never logs or stores them in clear.
 */
public interface ContactResolver {

    /** The account's e-mail address, if it has one. */
    Optional<String> email(String accountId);

    /** The account's mobile phone number, if it has one. */
    Optional<String> phone(String accountId);

    /** The language the account reads messages in; Simplified Chinese unless the account chose otherwise. */
    default Locale locale(String accountId) {
        return Locale.SIMPLIFIED_CHINESE;
    }
}
