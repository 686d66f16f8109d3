package org.yiwang.identity.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.stereotype.Component;

import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.organization.Assignment;
import org.yiwang.organization.OrganizationDirectory;

/**
 * The claims the OpenID Connect provider asserts about an account: {@code sub} (the account id, stable
 * across username changes), and with scope {@code profile}: {@code name}, {@code preferred_username},
 * {@code account_type}, for officers {@code region} / {@code department} (first assignment) and
 * {@code regions} / {@code departments} (all), for citizens {@code real_name_level}.
 */
@Component
class OidcClaims {

    private final AccountStore accounts;
    private final OrganizationDirectory organization;
    private final PersonalDataVault vault;

    OidcClaims(AccountStore accounts, OrganizationDirectory organization, PersonalDataVault vault) {
        this.accounts = accounts;
        this.organization = organization;
        this.vault = vault;
    }

    /** Adds the account's claims to ID tokens and sets {@code sub} of ID and access tokens to the account id. */
    void customize(JwtEncodingContext context) {
        if (context.getPrincipal() == null) {
            return;
        }
        Optional<Account> account = accounts.byUsername(context.getPrincipal().getName());
        if (account.isEmpty()) {
            return; // a client acting for itself (client_credentials)
        }
        Account a = account.get();
        context.getClaims().subject(a.id());
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())
                && context.getAuthorizedScopes().contains(OidcScopes.PROFILE)) {
            profile(a, "oidc-id-token").forEach((k, v) -> context.getClaims().claim(k, v));
        } else if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            context.getClaims().claim("preferred_username", a.username());
        }
    }

    /** The user-info response. */
    OidcUserInfo map(OidcUserInfoAuthenticationContext context) {
        Account a = accounts.byUsername(context.getAuthorization().getPrincipalName())
                .orElseThrow(() -> new IllegalStateException("The account of this authorization no longer exists"));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", a.id());
        if (context.getAuthorization().getAuthorizedScopes().contains(OidcScopes.PROFILE)) {
            claims.putAll(profile(a, "oidc-userinfo"));
        }
        return new OidcUserInfo(claims);
    }

    private Map<String, Object> profile(Account a, String purpose) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("preferred_username", a.username());
        claims.put("account_type", a.type().name());
        switch (a.type()) {
            case CITIZEN -> {
                // the relying party asked for the real-name identity the user signed in with (一次认证)
                String name = a.nameEnc() == null ? a.displayName()
                        : vault.reveal(PersonalDataKind.NAME, a.nameEnc(), "account:" + a.id(), purpose);
                claims.put("name", name);
                claims.put("real_name_level", a.realNameLevel());
            }
            case ENTERPRISE -> {
                claims.put("name", a.entityName() == null ? a.displayName() : a.entityName());
                claims.put("credit_code", a.creditCode());
            }
            case OFFICER -> {
                String name = a.displayName();
                Set<String> regions = new LinkedHashSet<>();
                Set<String> departments = new LinkedHashSet<>();
                if (a.officerId() != null) {
                    name = organization.officer(a.officerId()).map(o -> o.name()).orElse(name);
                    for (Assignment as : organization.assignments(a.officerId())) {
                        regions.add(as.regionCode());
                        departments.add(as.departmentId());
                    }
                }
                claims.put("name", name);
                if (!regions.isEmpty()) {
                    claims.put("region", regions.iterator().next());
                    claims.put("regions", new ArrayList<>(regions));
                }
                if (!departments.isEmpty()) {
                    claims.put("department", departments.iterator().next());
                    claims.put("departments", new ArrayList<>(departments));
                }
            }
            default -> claims.put("name", a.displayName());
        }
        return claims;
    }

    static List<String> list(Set<String> s) {
        return new ArrayList<>(s);
    }
}
