package org.yiwang.notification;

import java.util.Locale;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The {@link ContactResolver} in force: the identity module's when it declares one, else the
 * built-in {@link NoContactResolver}. Tolerates both being present (whatever the bean registration order).
 */
@Component
class Contacts {

    private final ObjectProvider<ContactResolver> resolvers;

    Contacts(ObjectProvider<ContactResolver> resolvers) {
        this.resolvers = resolvers;
    }

    ContactResolver resolver() {
        return resolvers.orderedStream().filter(r -> !(r instanceof NoContactResolver)).findFirst().orElse(NoContactResolver.INSTANCE);
    }

    Optional<String> email(String accountId) {
        return resolver().email(accountId).filter(s -> !s.isBlank());
    }

    Optional<String> phone(String accountId) {
        return resolver().phone(accountId).filter(s -> !s.isBlank());
    }

    Locale locale(String accountId) {
        Locale l = resolver().locale(accountId);
        return l == null ? Locale.SIMPLIFIED_CHINESE : l;
    }
}
