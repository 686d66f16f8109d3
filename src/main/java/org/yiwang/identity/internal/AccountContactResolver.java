package org.yiwang.identity.internal;

import java.util.Optional;

import org.springframework.stereotype.Component;

import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.notification.ContactResolver;

/**
 * Tells the notification module where to reach an account: its mobile phone number, decrypted only at
 * the moment of sending (the read is audited with purpose {@code notification}). Accounts hold no
 * e-mail address yet, so e-mail deliveries to accounts are skipped.
 */
@Component
class AccountContactResolver implements ContactResolver {

    private final AccountStore accounts;
    private final PersonalDataVault vault;

    AccountContactResolver(AccountStore accounts, PersonalDataVault vault) {
        this.accounts = accounts;
        this.vault = vault;
    }

    @Override
    public Optional<String> email(String accountId) {
        return Optional.empty();
    }

    @Override
    public Optional<String> phone(String accountId) {
        return accounts.byId(accountId)
                .filter(a -> a.phoneEnc() != null)
                .map(a -> vault.reveal(PersonalDataKind.PHONE, a.phoneEnc(), "account:" + accountId, "notification"));
    }
}
