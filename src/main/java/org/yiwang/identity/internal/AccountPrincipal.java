package org.yiwang.identity.internal;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;

/**
 * The principal of every authenticated request (web session or bearer token): the account's username as
 * the principal name and the {@link Caller} built from the account at sign-in (session) or per request (token).
 */
record AccountPrincipal(Caller caller) implements Callers.CallerAware, AuthenticatedPrincipal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public String getName() {
        return caller.username();
    }

    String accountId() {
        return caller.accountId();
    }

    /** {@code ROLE_<role>} for each role and each permission code as it is (e.g. {@code audit:read}). */
    List<GrantedAuthority> authorities() {
        List<GrantedAuthority> list = new ArrayList<>();
        caller.roles().stream().sorted().forEach(r -> list.add(new SimpleGrantedAuthority("ROLE_" + r)));
        caller.permissions().stream().sorted().forEach(p -> list.add(new SimpleGrantedAuthority(p)));
        return list;
    }

    @Override
    public String toString() {
        return caller.username();
    }
}
